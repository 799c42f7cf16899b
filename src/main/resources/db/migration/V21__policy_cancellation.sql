-- #20 item 5, the policy's own life (seed 004 line 325: 「犹豫期：自您签收本主险合同或收到本主险合同电子保险单次日起，有 15 日的犹豫期，
-- 犹豫期内提出解除合同，我们将无息退还您所支付的全部保险费。」): a policy cancelled inside its cooling-off period (void from its
-- first day) or terminated after it (cover ends the day before the cancellation's effective date). See docs/RULES.md.

-- The day the policyholder signed for (received) the policy: the cooling-off period is the 15 days after it.
-- Null: not recorded, the policy's effective date is taken instead.
alter table policy add column received_on date;
-- The first day without cover once the policy is cancelled (its effective date for a cooling-off cancellation); null: not cancelled.
alter table policy add column cancelled_from date;
-- The last day of cover: the expiry date, or the day before the cancellation when earlier (before effective_date when
-- the policy was void from its start). Readers of "is the policy in force on day X" read this, never expiry_date alone.
alter table policy add column last_covered_on date generated always as (
    case when cancelled_from is null then expiry_date else least(expiry_date, cancelled_from - 1) end) stored;

-- One cancellation per policy (a second one is refused): what was asked, by whom and when.
create table policy_cancellation (
    policy_number       text primary key references policy (policy_number),
    reason              text        not null check (reason in ('COOLING_OFF', 'TERMINATION', 'MISUSE')),
    effective_date      date        not null,
    cancelled_from      date        not null,
    cooling_off_ends_on date        not null,
    note                text,
    cancelled_by        text        not null,
    cancelled_at        timestamptz not null
);

grant select, insert on policy_cancellation to "${appRole}";
revoke update, delete, truncate on policy_cancellation from "${appRole}";

-- Every cause of a receivable (#20 item 2's causes and this one); V19 writes the same list.
alter table member_receivable drop constraint if exists member_receivable_cause_check;
alter table member_receivable add constraint member_receivable_cause_check check (cause in
    ('MISUSE', 'LIABILITY_DENIED', 'LATE_REVERSAL', 'OVER_PAYMENT', 'POLICY_CANCELLED'));
