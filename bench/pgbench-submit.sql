-- The SQL of one prescription submission with straight-through approval (scenario 4), as the engine runs it
-- (captured with log_statement=all from one POST /api/v1/prescriptions of a clean D002 prescription): the
-- decision's reads (the engine pipelines them on one connection; pgbench sends them one by one), then the
-- prescription and its audit row in one transaction. The encrypted diagnosis and clinical blobs are stand-ins
-- of the engine's sizes. The rows are removed by bench/run's reset (created_by is not 'bench').
\set m random(1, 100000)
SELECT id, reason, prescription_id, flagged_at, flagged_by FROM oncopay.misuse_flag
  WHERE member_id = 'BENCH-M' || lpad(:m::text, 6, '0') AND lifted_at IS NULL;
SELECT social_insurance, mainland_citizen, birth_date FROM oncopay.member WHERE member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
SELECT p.policy_number, p.product_code, p.effective_date, p.expiry_date, p.previous_policy_number, p.cancelled_from,
       coalesce(a.deductible_met_fen, 0) AS deductible_met_fen, coalesce(a.sum_insured_used_fen, 0) AS sum_insured_used_fen,
       pr.plan_level, pr.sum_insured_fen, pr.deductible_fen, pr.waiting_period_days, pr.renewal_grace_days, pr.malignant_from, pr.malignant_to
  FROM oncopay.policy p JOIN oncopay.product pr ON pr.code = p.product_code
  LEFT JOIN oncopay.accumulator a ON a.policy_number = p.policy_number
  WHERE p.member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
SELECT r.product_code, r.tier, r.social_insurance_used, r.percent FROM oncopay.product_ratio r
  WHERE r.product_code IN (SELECT product_code FROM oncopay.policy WHERE member_id = 'BENCH-M' || lpad(:m::text, 6, '0'));
SELECT d.id, d.icd10_enc, d.diagnosed_on, d.specialist, d.first_ever, h.designated
  FROM oncopay.diagnosis d JOIN oncopay.hospital h ON h.code = d.hospital_code WHERE d.member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
SELECT id_number_hash FROM oncopay.member WHERE member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
SELECT 1 FROM oncopay.hospital WHERE code = 'DEMO-H-BJ-01';
SELECT molecule_key, status, dispensed_on, days_supply FROM oncopay.prescription WHERE member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
BEGIN;
INSERT INTO oncopay.prescription (id, member_id, policy_number, product_code, drug_id, molecule_key, catalog_version, tier, packs,
    days_supply, prescribed_on, valid_days, prescriber_name, hospital_code, diagnosis_enc, clinical_enc, applicant_relation, status,
    reasons, decision_inputs, first_claim, received_at, review_due_by, investigation_due_by, calendar_provisional, decided_at, decided_by, created_by)
  VALUES (gen_random_uuid(), 'BENCH-M' || lpad(:m::text, 6, '0'), 'BENCH-P' || lpad(:m::text, 6, '0'), 'DEMO-GOLD', 'D002', 'nivolumab', 1, 2, 1,
    21, '2026-11-23', 1, '压测医生', 'DEMO-H-BJ-01', decode(repeat('ab', 35), 'hex'), decode(repeat('cd', 172), 'hex'), 'SELF', 'APPROVED',
    '[]', '{"tier": 2, "ratios": {"tier1.si": 90, "tier2.si": 80, "tier3.si": 70, "tier1.noSi": 80, "tier2.noSi": 70, "tier3.noSi": 60}, "indication": {"rule": "", "status": "MET", "reasons": [], "missingFacts": []}, "receivedOn": "2026-11-23", "eligibility": {"reasons": [], "waitingPeriodEndsOn": "2026-03-31", "deductibleRemainingFen": "500000", "sumInsuredRemainingFen": "300000000"}, "productCode": "DEMO-GOLD", "missingFacts": [], "catalogVersion": 1}',
    false, '2026-11-23 02:00:00+00', NULL, NULL, false, '2026-11-23 02:00:00+00', 'engine', 'bench-pgbench');
INSERT INTO oncopay.audit_log (actor, actor_role, action, object_type, object_id, detail, at)
  VALUES ('bench-admin', 'ADMIN', 'PRESCRIPTION_DECIDED', 'prescription', gen_random_uuid()::text,
    '{"status": "APPROVED", "reasons": [], "catalogVersion": "1"}', now());
COMMIT;
