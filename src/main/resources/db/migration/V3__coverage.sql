-- Products, hospitals, pharmacies, members, policies, diagnoses and accumulators.
-- Identity numbers and diagnoses are stored encrypted (AES-GCM, application key) with a
-- keyed hash for lookups; `demo` marks seed data loaded for demonstrations only.

create table product (
    code                text primary key,
    name                text        not null,
    plan_level          text        not null check (plan_level in ('BRONZE', 'SILVER', 'GOLD', 'PLATINUM')),
    sum_insured_fen     bigint      not null check (sum_insured_fen > 0),
    deductible_fen      bigint      not null check (deductible_fen >= 0),
    waiting_period_days integer     not null check (waiting_period_days between 0 and 3650),
    renewal_grace_days  integer     not null check (renewal_grace_days between 0 and 3650),
    malignant_from      text        not null default 'C00',
    malignant_to        text        not null default 'C97',
    demo                boolean     not null default false,
    created_at          timestamptz not null default now()
);

create table product_ratio (
    product_code          text     not null references product (code),
    tier                  smallint not null check (tier between 1 and 3),
    social_insurance_used boolean  not null,
    percent               smallint not null check (percent between 0 and 100),
    primary key (product_code, tier, social_insurance_used)
);

create table hospital (
    code         text primary key,
    name         text        not null,
    province     text        not null,
    city         text        not null,
    grade        text        not null,
    public_owned boolean     not null,
    kind         text        not null,
    designated   boolean     not null,
    demo         boolean     not null default false,
    created_at   timestamptz not null default now()
);

create table pharmacy (
    code                        text primary key,
    name                        text        not null,
    province                    text        not null,
    city                        text        not null,
    gsp_certified               boolean     not null,
    cold_chain                  boolean     not null,
    pharmacist_on_site          boolean     not null,
    social_insurance_settlement boolean     not null,
    designated                  boolean     not null,
    demo                        boolean     not null default false,
    created_at                  timestamptz not null default now()
);

create table pharmacy_price (
    pharmacy_code text   not null references pharmacy (code),
    drug_id       text   not null,
    price_fen     bigint not null check (price_fen > 0),
    primary key (pharmacy_code, drug_id)
);

create table member (
    member_id        text primary key,
    name             text        not null,
    id_type          text        not null,
    id_number_enc    bytea       not null,
    id_number_hash   bytea       not null,
    id_number_masked text        not null,
    birth_date       date        not null,
    mainland_citizen boolean     not null,
    social_insurance boolean     not null,
    demo             boolean     not null default false,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index member_id_number_hash on member (id_number_hash);

create table policy (
    policy_number          text primary key,
    product_code           text        not null references product (code),
    member_id              text        not null references member (member_id),
    effective_date         date        not null,
    expiry_date            date        not null,
    previous_policy_number text references policy (policy_number),
    created_at             timestamptz not null default now(),
    check (expiry_date >= effective_date)
);
create index policy_member on policy (member_id);
create unique index policy_single_renewal on policy (previous_policy_number) where previous_policy_number is not null;

create table diagnosis (
    id            uuid primary key,
    member_id     text        not null references member (member_id),
    icd10_enc     bytea       not null,
    diagnosed_on  date        not null,
    hospital_code text        not null references hospital (code),
    specialist    boolean     not null,
    first_ever    boolean     not null,
    recorded_by   text        not null,
    created_at    timestamptz not null default now()
);
create index diagnosis_member on diagnosis (member_id);

-- Deductible met and sum insured used, per policy term (a policy year).
create table accumulator (
    policy_number        text primary key references policy (policy_number),
    deductible_met_fen   bigint      not null default 0 check (deductible_met_fen >= 0),
    sum_insured_used_fen bigint      not null default 0 check (sum_insured_used_fen >= 0),
    updated_at           timestamptz not null default now()
);
