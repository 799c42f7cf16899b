-- The SQL of one counter redemption, as the engine runs it, in one transaction: the
-- conditional claim of the code, the locked accumulator read and update, the dispense, its
-- four ledger rows, the fulfilment and prescription updates and the outbox row with its
-- per-pharmacy stream position. Codes 600001..1000000 (the HTTP scenarios use 1..300000).
\set n random(600001, 1000000)
\set m ((:n - 1) % 100000) + 1
\set p ((:n - 1) % 500) + 1
BEGIN;
UPDATE oncopay.fulfilment SET status = 'REDEEMED', updated_at = now()
  WHERE id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid AND status = 'RESERVED';
SELECT a.deductible_met_fen, a.sum_insured_used_fen FROM oncopay.accumulator a
  WHERE a.policy_number = 'BENCH-P' || lpad(:m::text, 6, '0') FOR UPDATE OF a;
UPDATE oncopay.accumulator SET deductible_met_fen = deductible_met_fen + 0, sum_insured_used_fen = sum_insured_used_fen + 904260, updated_at = now()
  WHERE policy_number = 'BENCH-P' || lpad(:m::text, 6, '0');
WITH d AS (
  INSERT INTO oncopay.dispense (id, kind, prescription_id, policy_number, pharmacy_code, drug_id, packs, total_fen, social_insurance_paid_fen,
      deductible_applied_fen, ratio_percent, insurer_pays_fen, member_pays_fen, sum_insured_before_fen, sum_insured_after_fen,
      deductible_remaining_after_fen, at)
  VALUES (gen_random_uuid(), 'DISPENSE', ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'BENCH-P' || lpad(:m::text, 6, '0'),
      'BENCH-PH-' || lpad(:p::text, 3, '0'), 'D001', 1, 1791800, 0, 0, 70, 904260, 887540, 300000000, 299095740, 0, now())
  RETURNING id, policy_number)
INSERT INTO oncopay.ledger_entry (dispense_id, policy_number, account, amount_fen)
  SELECT d.id, d.policy_number, a.account, a.amount FROM d,
    (VALUES ('INSURER_PAYABLE', 904260), ('MEMBER_COPAY', 887540), ('SOCIAL_INSURANCE', 0), ('DEDUCTIBLE_MET', 0)) a(account, amount);
UPDATE oncopay.prescription SET status = 'DISPENSED', dispensed_on = current_date
  WHERE id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid;
WITH pos AS (INSERT INTO oncopay.pharmacy_stream (pharmacy_code, last_seq) VALUES ('BENCH-PH-' || lpad(:p::text, 3, '0'), 1)
    ON CONFLICT (pharmacy_code) DO UPDATE SET last_seq = oncopay.pharmacy_stream.last_seq + 1 RETURNING last_seq)
INSERT INTO oncopay.outbox (pharmacy_code, seq, event_type, aggregate_id, payload)
  SELECT 'BENCH-PH-' || lpad(:p::text, 3, '0'), pos.last_seq, 'CODE_REDEEMED', :n::text,
    '{"schema":"dispatch-event/v1","drugId":"D001","packs":1,"memberName":"压***"}'::jsonb FROM pos;
COMMIT;
