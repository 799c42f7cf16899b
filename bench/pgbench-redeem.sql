-- The SQL of one counter redemption (scenario 6), as the engine runs it (captured with log_statement=all from one
-- POST /api/v1/pharmacy/redemptions on the bench data): the code's lookup (the engine finds it by its keyed hash;
-- here by the fulfilment's id, the same join), then in one transaction the conditional claim of the code, the aid
-- programme's read, the locked accumulator read, and the writes: accumulator, dispense, its four ledger rows (one
-- statement), the dispatch event with its per-pharmacy stream position, the hand-over record, the prescription, the liability
-- claim the advance opens, and the audit row. The engine pipelines the statements of each step on one connection;
-- pgbench sends them one by one. Codes 600001..1000000 (the HTTP scenarios use 1..300000). The coalesced NOTIFY
-- the engine sends after its commits is not per transaction and is left out.
\set n random(600001, 1000000)
\set m ((:n - 1) % 100000) + 1
\set p ((:n - 1) % 500) + 1
\set d random(1, 281474976710655)
SELECT f.id, f.prescription_id, f.member_id, f.pharmacy_code, f.mode, f.status, f.expires_at,
    f.failed_attempts, f.locked_until, m.id_number_hash, m.name, p.policy_number, p.tier, p.drug_id, p.packs,
    p.pack_size, pp.price_fen, pol.effective_date AS cover_from, pol.last_covered_on AS cover_to
  FROM oncopay.fulfilment f JOIN oncopay.member m ON m.member_id = f.member_id JOIN oncopay.prescription p ON p.id = f.prescription_id
  LEFT JOIN oncopay.policy pol ON pol.policy_number = p.policy_number
  LEFT JOIN oncopay.pharmacy_price pp ON pp.pharmacy_code = f.pharmacy_code AND pp.drug_id = p.drug_id
  WHERE f.id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid;
BEGIN;
UPDATE oncopay.fulfilment SET status = 'REDEEMED', updated_at = now(), dispense_id = ('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid
  WHERE id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid AND status = 'RESERVED' AND expires_at > now()
  AND (locked_until IS NULL OR locked_until <= now()) RETURNING id;
SELECT m.mainland_citizen,
       (SELECT count(*) FROM oncopay.dispense d JOIN oncopay.prescription p ON p.id = d.prescription_id
         WHERE p.member_id = m.member_id AND p.drug_id = 'D001' AND d.kind = 'DISPENSE'
           AND NOT EXISTS (SELECT 1 FROM oncopay.dispense r WHERE r.reverses = d.id)) AS fills,
       (SELECT c.status || ':' || coalesce(c.refusal_reason, '') FROM oncopay.aid_case c
         WHERE c.member_id = m.member_id AND c.drug_id = 'D001' ORDER BY c.created_at DESC LIMIT 1) AS latest
  FROM oncopay.member m WHERE m.member_id = 'BENCH-M' || lpad(:m::text, 6, '0');
SELECT a.deductible_met_fen, a.sum_insured_used_fen, pr.sum_insured_fen, pr.deductible_fen, r.percent
  FROM oncopay.accumulator a JOIN oncopay.policy p ON p.policy_number = a.policy_number JOIN oncopay.product pr ON pr.code = p.product_code
  LEFT JOIN oncopay.product_ratio r ON r.product_code = pr.code AND r.tier = 2 AND r.social_insurance_used = false
  WHERE a.policy_number = 'BENCH-P' || lpad(:m::text, 6, '0') FOR UPDATE OF a;
UPDATE oncopay.accumulator SET deductible_met_fen = deductible_met_fen + 0, sum_insured_used_fen = sum_insured_used_fen + 904260, updated_at = now()
  WHERE policy_number = 'BENCH-P' || lpad(:m::text, 6, '0');
INSERT INTO oncopay.dispense (id, kind, reverses, prescription_id, policy_number, pharmacy_code, drug_id, packs, total_fen,
    social_insurance_paid_fen, deductible_applied_fen, ratio_percent, insurer_pays_fen, member_pays_fen, sum_insured_before_fen,
    sum_insured_after_fen, deductible_remaining_after_fen, at)
  VALUES (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, 'DISPENSE', NULL,
    ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'),
    'BENCH-PH-' || lpad(:p::text, 3, '0'), 'D001', 1, 1791800, 0, 0, 70, 904260, 887540, 300000000, 299095740, 0, now());
INSERT INTO oncopay.ledger_entry (dispense_id, policy_number, account, amount_fen)
  VALUES (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'), 'INSURER_PAYABLE', 904260),
    (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'), 'MEMBER_COPAY', 887540),
    (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'), 'SOCIAL_INSURANCE', 0),
    (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'), 'DEDUCTIBLE_MET', 0);
WITH pos AS (INSERT INTO oncopay.pharmacy_stream (pharmacy_code, last_seq) VALUES ('BENCH-PH-' || lpad(:p::text, 3, '0'), 1)
    ON CONFLICT (pharmacy_code) DO UPDATE SET last_seq = oncopay.pharmacy_stream.last_seq + 1 RETURNING last_seq)
INSERT INTO oncopay.outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at)
  SELECT 'BENCH-PH-' || lpad(:p::text, 3, '0'), 'CODE_REDEEMED', '10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'),
    '{"mode": "PICKUP", "packs": 1, "drugId": "D001", "schema": "dispatch-event/v1", "brandName": "可瑞达", "memberName": "压********", "fulfilmentId": "00000000-0000-4000-8000-000000048ff8", "redemptionId": "b971edc2-1e21-4ae8-a230-1dd5056bb9fa", "prescriptionId": "00000000-0000-4000-8000-000000048ff8"}'::jsonb,
    pos.last_seq, now() FROM pos;
INSERT INTO oncopay.hand_over (dispense_id, fulfilment_id, prescription_original, claim_application_form,
    benefit_payment_authorisation, collection_confirmation, insured_id_copy, collector_relation,
    collector_name_enc, collector_id_enc, power_of_attorney_seen, member_id_seen, at)
  VALUES (('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid,
    true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, now());
UPDATE oncopay.prescription SET status = 'DISPENSED', dispensed_on = current_date
  WHERE id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid;
INSERT INTO oncopay.liability_claim (id, dispense_id, prescription_id, member_id, policy_number, drug_id,
    insurer_pays_fen, status, opened_at, first_claim, investigation_due_by, calendar_provisional)
  SELECT gen_random_uuid(), ('10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'))::uuid,
    ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'BENCH-M' || lpad(:m::text, 6, '0'),
    'BENCH-P' || lpad(:m::text, 6, '0'), 'D001', 904260, 'UNDER_INVESTIGATION', now(), f.first,
    CASE WHEN f.first THEN now() + interval '21 days' ELSE now() + interval '7 days' END, false
  FROM (SELECT NOT EXISTS (SELECT 1 FROM oncopay.liability_claim e WHERE e.member_id = 'BENCH-M' || lpad(:m::text, 6, '0')
    AND e.status <> 'WITHDRAWN') AS first) f;
INSERT INTO oncopay.audit_log (actor, actor_role, action, object_type, object_id, detail, at)
  VALUES ('BENCH-PH-' || lpad(:p::text, 3, '0'), 'PHARMACY', 'DISPENSED', 'dispense', '10000000-0000-4000-8000-' || lpad(to_hex(:d), 12, '0'),
    ('{"fulfilmentId":"00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0') || '","insurerPaysFen":904260}')::jsonb, now());
COMMIT;
