-- The SQL of one fulfilment choice with pickup-code issue (scenario 5), as the engine runs it (captured with
-- log_statement=all from one POST /api/v1/prescriptions/{id}/fulfilment; again on 2026-12-05): the choice's facts,
-- then in one transaction the misuse guard (the member's row locked, then its flags read: a flag being committed is
-- waited for), the fulfilment, its outbox row with the per-pharmacy stream position and its audit row. The guard's
-- two statements came with #19 (seed 004, misuse) and were missing here until 2026-12-05.
-- It uses the top of the approved prescriptions without a code (1,280,001..1,300,000; the HTTP scenario takes
-- them from the bottom), so a random pick can hit one twice: ON CONFLICT on the one-active-fulfilment index
-- skips that (the engine's statement has no such clause; the cost without a conflict is the same). bench/run's
-- reset removes these rows before the next run.
\set n random(1280001, 1300000)
\set p random(1, 500)
SELECT p.member_id, p.status, p.drug_id, p.packs, p.prescribed_on, m.name, m.social_insurance,
       ph.designated, ph.cold_chain, ph.city AS pharmacy_city, ph.code AS pharmacy, pp.price_fen,
       p.hospital_code, ph.social_insurance_settlement, m.si_filing_date IS NOT NULL AS filed, pol.last_covered_on AS policy_expiry
  FROM oncopay.prescription p JOIN oncopay.member m ON m.member_id = p.member_id
  LEFT JOIN oncopay.policy pol ON pol.policy_number = p.policy_number
  LEFT JOIN oncopay.pharmacy ph ON ph.code = 'BENCH-PH-' || lpad(:p::text, 3, '0')
  LEFT JOIN oncopay.pharmacy_price pp ON pp.pharmacy_code = ph.code AND pp.drug_id = p.drug_id
  WHERE p.id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid \gset
BEGIN;
SELECT 1 FROM oncopay.member WHERE member_id = ':member_id' FOR KEY SHARE;
SELECT id, reason, prescription_id, flagged_at, flagged_by FROM oncopay.misuse_flag
  WHERE member_id = ':member_id' AND lifted_at IS NULL;
INSERT INTO oncopay.fulfilment (id, prescription_id, member_id, pharmacy_code, mode, code_hash, status, expires_at, promised_by,
    calendar_provisional, address_enc, delivery_city, created_at, updated_at, hospital_code)
  SELECT gen_random_uuid(), p.id, p.member_id, 'BENCH-PH-' || lpad(:p::text, 3, '0'), 'PICKUP', sha256(gen_random_uuid()::text::bytea),
    'RESERVED', '2026-11-30 02:00:00+00', NULL, false, NULL, NULL, now(), now(), NULL
  FROM oncopay.prescription p WHERE p.id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid
  ON CONFLICT (prescription_id) WHERE status IN ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'AWAITING_TRANSFER', 'IN_TRANSFER')
  DO NOTHING;
WITH pos AS (INSERT INTO oncopay.pharmacy_stream (pharmacy_code, last_seq) VALUES ('BENCH-PH-' || lpad(:p::text, 3, '0'), 1)
    ON CONFLICT (pharmacy_code) DO UPDATE SET last_seq = oncopay.pharmacy_stream.last_seq + 1 RETURNING last_seq)
INSERT INTO oncopay.outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at)
  SELECT 'BENCH-PH-' || lpad(:p::text, 3, '0'), 'PICKUP_RESERVED', gen_random_uuid()::text,
    '{"mode": "PICKUP", "packs": 1, "drugId": "D001", "schema": "dispatch-event/v1", "brandName": "可瑞达", "expiresAt": "2026-11-30T10:00+08:00", "memberName": "压*******"}',
    last_seq, now() FROM pos;
INSERT INTO oncopay.audit_log (actor, actor_role, action, object_type, object_id, detail, at)
  VALUES ('BENCH-M000001', 'MEMBER', 'FULFILMENT_CHOSEN', 'fulfilment', gen_random_uuid()::text,
    '{"mode": "PICKUP", "pharmacyCode": "BENCH-PH-001"}', now());
COMMIT;
