-- Fulfilments (store pickup or home delivery) with their single-use pickup codes, stored
-- only as a keyed hash; traceability codes dispensed once system-wide; failed attempts.

create table fulfilment (
    id               uuid primary key,
    prescription_id  uuid        not null references prescription (id),
    member_id        text        not null references member (member_id),
    pharmacy_code    text        not null references pharmacy (code),
    mode             text        not null check (mode in ('PICKUP', 'DELIVERY')),
    code_hash        bytea       not null unique,
    status           text        not null check (status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'DELIVERED',
                                                            'FAILED', 'REDEEMED', 'REVERSED', 'CANCELLED')),
    expires_at       timestamptz not null,
    promised_by      timestamptz,
    address_enc      bytea,
    delivery_city    text,
    tracking_no      text,
    failed_attempts  integer     not null default 0,
    locked_until     timestamptz,
    dispense_id      uuid references dispense (id),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index fulfilment_prescription on fulfilment (prescription_id);
create index fulfilment_pharmacy on fulfilment (pharmacy_code, status);
create unique index fulfilment_one_active on fulfilment (prescription_id)
    where status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED');

create table trace_code (
    code        text primary key,
    dispense_id uuid        not null references dispense (id),
    at          timestamptz not null default now()
);

-- Every failed redemption attempt, per pharmacy and (when the code is known) per fulfilment.
create table redemption_failure (
    id             bigint generated always as identity primary key,
    pharmacy_code  text        not null,
    fulfilment_id  uuid,
    reason         text        not null,
    at             timestamptz not null default now()
);
create index redemption_failure_pharmacy on redemption_failure (pharmacy_code, at);
