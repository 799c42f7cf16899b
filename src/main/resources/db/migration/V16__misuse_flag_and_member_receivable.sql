-- #19 item 11 (seed 004: 如本公司查明正在申请或享受本服务者并非您本人，本公司有权立即拒绝提供本服务并保留追偿的权利):
-- a member's case flagged as misuse, and the receivable that recovers what direct pay already paid (first slice of #20).

-- One row per flag; the one with lifted_at null is in force (at most one per member).
create table misuse_flag (
    id              uuid primary key,
    member_id       text        not null references member (member_id),
    prescription_id uuid references prescription (id),
    reason          text        not null,
    flagged_by      text        not null,
    flagged_at      timestamptz not null,
    lifted_by       text,
    lifted_at       timestamptz,
    lift_reason     text,
    check ((lifted_at is null) = (lifted_by is null))
);
create unique index misuse_flag_in_force on misuse_flag (member_id) where lifted_at is null;

-- What a member owes the insurer back, per policy. amount_fen = the sum of its items; paid_fen grows with payments.
create table member_receivable (
    id            uuid primary key,
    member_id     text        not null references member (member_id),
    policy_number text        not null references policy (policy_number),
    cause         text        not null check (cause in ('MISUSE')),
    cause_id      uuid,
    amount_fen    bigint      not null check (amount_fen > 0),
    paid_fen      bigint      not null default 0 check (paid_fen >= 0 and paid_fen <= amount_fen),
    status        text        not null check (status in ('OPEN', 'PARTLY_PAID', 'PAID', 'WRITTEN_OFF')),
    due_on        date        not null,
    opened_at     timestamptz not null,
    updated_at    timestamptz not null
);
create index member_receivable_member on member_receivable (member_id, opened_at desc);

-- The dispenses a receivable recovers; a dispense is recovered by at most one receivable.
create table receivable_item (
    receivable_id uuid   not null references member_receivable (id),
    dispense_id   uuid   not null references dispense (id),
    amount_fen    bigint not null check (amount_fen > 0),
    primary key (receivable_id, dispense_id)
);
create unique index receivable_item_once on receivable_item (dispense_id);

create table receivable_payment (
    id            uuid primary key,
    receivable_id uuid        not null references member_receivable (id),
    amount_fen    bigint      not null check (amount_fen > 0),
    paid_on       date        not null,
    recorded_by   text        not null,
    at            timestamptz not null
);
create index receivable_payment_receivable on receivable_payment (receivable_id, at);

-- Ledger rows of a receivable: MEMBER_RECEIVABLE +insurer share per recovered dispense when opened, and
-- MEMBER_RECEIVABLE −amount with RECEIVABLE_RECOVERED +amount per payment (no dispense).
-- Outstanding of a receivable = sum(MEMBER_RECEIVABLE) of its rows.
alter table ledger_entry alter column dispense_id drop not null;
alter table ledger_entry add column receivable_id uuid references member_receivable (id);
alter table ledger_entry add constraint ledger_entry_source check (dispense_id is not null or receivable_id is not null);
alter table ledger_entry drop constraint ledger_entry_account_check;
alter table ledger_entry add constraint ledger_entry_account_check check (account in
    ('INSURER_PAYABLE', 'MEMBER_COPAY', 'SOCIAL_INSURANCE', 'DEDUCTIBLE_MET', 'MEMBER_RECEIVABLE', 'RECEIVABLE_RECOVERED'));
create index ledger_receivable on ledger_entry (receivable_id) where receivable_id is not null;

grant select, insert, update on misuse_flag, member_receivable, receivable_item to "${appRole}";
grant select, insert on receivable_payment to "${appRole}";
-- payments are append-only for the engine
revoke update, delete, truncate on receivable_payment from "${appRole}";
