-- #20 item 2 (seed 004: 「垫付结论不等于理赔结论」; 「对于不属于保险责任范围内的药品费用、超出相应费用限额的药品费用等，
-- 您应当将上述相应款项退还镁信健康」): receivables of a denied liability, a reversal after the 7-day window and an
-- over-payment, and a reversal that reduces a misuse receivable.

-- The full list of causes (V21 adds POLICY_CANCELLED's code with this same list).
alter table member_receivable drop constraint member_receivable_cause_check;
alter table member_receivable add constraint member_receivable_cause_check check (cause in
    ('MISUSE', 'LIABILITY_DENIED', 'LATE_REVERSAL', 'OVER_PAYMENT', 'POLICY_CANCELLED'));

-- The claim it came from (denial, over-payment; a late reversal when the dispense has one), the specific reason
-- (the denial's reason, the late reversal's reason, the over-payment's kind) and the staff note.
alter table member_receivable add column claim_id uuid references liability_claim (id);
alter table member_receivable add column reason_code text;
alter table member_receivable add column note text;
create index member_receivable_claim on member_receivable (claim_id) where claim_id is not null;

-- A reversal of a recovered dispense takes its part off the receivable: CANCELLED when nothing is left and
-- nothing was paid (amount 0). receivable_item.reduced_fen is the part of the item taken off, so
-- amount_fen = sum(item.amount_fen - item.reduced_fen).
alter table member_receivable drop constraint member_receivable_status_check;
alter table member_receivable add constraint member_receivable_status_check check (status in
    ('OPEN', 'PARTLY_PAID', 'PAID', 'WRITTEN_OFF', 'CANCELLED'));
alter table member_receivable drop constraint member_receivable_amount_fen_check;
alter table member_receivable add constraint member_receivable_amount_fen_check check
    (amount_fen > 0 or (amount_fen = 0 and status = 'CANCELLED'));
alter table receivable_item add column reduced_fen bigint not null default 0;
alter table receivable_item add constraint receivable_item_reduced check (reduced_fen >= 0 and reduced_fen <= amount_fen);

-- Cover given back without a REVERSAL dispense (denial, late reversal, over-payment): SUM_INSURED_RELEASED +amount
-- (per policy: accumulator.sum_insured_used = sum(INSURER_PAYABLE) - sum(SUM_INSURED_RELEASED)), and
-- DEDUCTIBLE_MET -deductible applied (accumulator.deductible_met = sum(DEDUCTIBLE_MET)). INSURER_PAYABLE stays
-- what the insurer paid the pharmacies (their settlement is unchanged).
alter table ledger_entry drop constraint ledger_entry_account_check;
alter table ledger_entry add constraint ledger_entry_account_check check (account in
    ('INSURER_PAYABLE', 'MEMBER_COPAY', 'SOCIAL_INSURANCE', 'DEDUCTIBLE_MET', 'MEMBER_RECEIVABLE', 'RECEIVABLE_RECOVERED',
     'SUM_INSURED_RELEASED'));
-- "was cover already given back for this dispense" is asked before every release and reversal
create index ledger_released on ledger_entry (dispense_id) where account = 'SUM_INSURED_RELEASED';
