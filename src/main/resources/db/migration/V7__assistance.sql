-- Charity-assistance cases run by coordinators, their materials, cycles and history.
create table aid_case (
    id              uuid primary key,
    member_id       text        not null references member (member_id),
    drug_id         text        not null,
    program_code    text        not null,
    coordinator_id  text        not null,
    status          text        not null,
    approved_cycles integer,
    packs_per_cycle integer,
    pharmacy_code   text references pharmacy (code),
    refusal_reason  text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index aid_case_coordinator on aid_case (coordinator_id, status);
create index aid_case_member_drug on aid_case (member_id, drug_id, created_at desc);

create table aid_material (
    case_id    uuid        not null references aid_case (id),
    kind       text        not null check (kind in ('PERSONAL', 'MEDICAL', 'FINANCIAL')),
    received   boolean     not null,
    channel    text        not null check (channel in ('ONLINE', 'POST')),
    note       text,
    updated_at timestamptz not null,
    primary key (case_id, kind)
);

create table aid_cycle (
    case_id        uuid    not null references aid_case (id),
    cycle          integer not null,
    opens_on       date    not null,
    window_ends_on date    not null,
    status         text    not null check (status in ('OPEN', 'COLLECTED', 'FORFEITED')),
    collected_on   date,
    primary key (case_id, cycle)
);

create table aid_case_history (
    id          bigint generated always as identity primary key,
    case_id     uuid        not null references aid_case (id),
    at          timestamptz not null,
    by_actor    text        not null,
    from_status text,
    to_status   text        not null,
    note        text
);
create index aid_case_history_case on aid_case_history (case_id, id);
