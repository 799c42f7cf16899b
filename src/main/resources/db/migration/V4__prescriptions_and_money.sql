-- Prescriptions with their decisions, and the money: dispenses, ledger rows, outbox.

create table prescription (
    id                   uuid primary key,
    member_id            text        not null references member (member_id),
    policy_number        text references policy (policy_number),
    product_code         text references product (code),
    drug_id              text        not null,
    molecule_key         text,
    catalog_version      integer references catalog_version (id),
    tier                 smallint,
    packs                integer     not null check (packs between 1 and 1000),
    days_supply          integer     not null check (days_supply between 1 and 365),
    prescribed_on        date        not null,
    valid_days           integer     not null check (valid_days between 1 and 3),
    prescriber_name      text        not null,
    hospital_code        text        not null references hospital (code),
    diagnosis_enc        bytea       not null,
    clinical_enc         bytea,
    applicant_relation   text        not null,
    status               text        not null check (status in ('APPROVED', 'REJECTED', 'PENDING_REVIEW', 'INFO_REQUESTED', 'DISPENSED', 'CANCELLED')),
    reasons              jsonb       not null default '[]'::jsonb,
    decision_inputs      jsonb       not null,
    first_claim          boolean     not null,
    received_at          timestamptz not null,
    review_due_by        timestamptz,
    investigation_due_by timestamptz,
    decided_at           timestamptz,
    decided_by           text,
    review_note          text,
    dispensed_on         date,
    created_by           text        not null,
    created_at           timestamptz not null default now()
);
create index prescription_member on prescription (member_id, created_at desc);
create index prescription_queue on prescription (review_due_by) where status in ('PENDING_REVIEW', 'INFO_REQUESTED');

-- One row per dispense (or its reversal): the money split as applied, with the accumulators before and after.
create table dispense (
    id                             uuid primary key,
    kind                           text        not null check (kind in ('DISPENSE', 'REVERSAL')),
    reverses                       uuid references dispense (id),
    prescription_id                uuid references prescription (id),
    policy_number                  text        not null references policy (policy_number),
    pharmacy_code                  text        not null references pharmacy (code),
    drug_id                        text        not null,
    packs                          integer     not null,
    total_fen                      bigint      not null,
    social_insurance_paid_fen      bigint      not null,
    deductible_applied_fen         bigint      not null,
    ratio_percent                  integer     not null,
    insurer_pays_fen               bigint      not null,
    member_pays_fen                bigint      not null,
    sum_insured_before_fen         bigint      not null,
    sum_insured_after_fen          bigint      not null,
    deductible_remaining_after_fen bigint      not null,
    at                             timestamptz not null default now()
);
create unique index dispense_single_reversal on dispense (reverses) where reverses is not null;
create index dispense_pharmacy_at on dispense (pharmacy_code, at);

-- Ledger: every money movement of a dispense, signed (a reversal writes the negatives).
-- accumulator.sum_insured_used_fen = sum(INSURER_PAYABLE) and deductible_met_fen = sum(DEDUCTIBLE_MET) per policy.
create table ledger_entry (
    id            bigint generated always as identity primary key,
    dispense_id   uuid        not null references dispense (id),
    policy_number text        not null references policy (policy_number),
    account       text        not null check (account in ('INSURER_PAYABLE', 'MEMBER_COPAY', 'SOCIAL_INSURANCE', 'DEDUCTIBLE_MET', 'MEMBER_RECEIVABLE')),
    amount_fen    bigint      not null,
    created_at    timestamptz not null default now()
);
create index ledger_policy on ledger_entry (policy_number, account);

-- Transactional outbox: written in the same transaction as the change it announces.
create table outbox (
    id            bigint generated always as identity primary key,
    pharmacy_code text        not null,
    event_type    text        not null,
    aggregate_id  text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_pharmacy on outbox (pharmacy_code, id);
