-- #20 item 1 (seed 004: 「理赔核责调查时效：首次申请需15个工作日，非首次申请需5个工作日」; 「垫付结论不等于理赔结论」):
-- every direct-paid dispense opens a claim whose liability the insurer investigates after the advance.
-- The claim application (理赔申请书) is handed in with the dispense: investigation_due_by is the end of the 15th business
-- day after it for the member's first claim (no earlier claim that was not withdrawn), of the 5th for later ones.
create table liability_claim (
    id               uuid primary key,
    dispense_id      uuid        not null references dispense (id),
    prescription_id  uuid        not null references prescription (id),
    member_id        text        not null references member (member_id),
    policy_number    text        not null references policy (policy_number),
    drug_id          text        not null,
    insurer_pays_fen bigint      not null,
    status           text        not null check (status in
                     ('UNDER_INVESTIGATION', 'LIABILITY_CONFIRMED', 'LIABILITY_DENIED', 'WITHDRAWN')),
    reason_code      text,
    note             text,
    opened_at        timestamptz not null,
    first_claim      boolean     not null,
    investigation_due_by timestamptz not null,
    calendar_provisional boolean not null,
    decided_at       timestamptz,
    decided_by       text
);
create unique index liability_claim_dispense on liability_claim (dispense_id);
create index liability_claim_member on liability_claim (member_id, opened_at desc);
create index liability_claim_due on liability_claim (status, investigation_due_by);

grant select, insert, update on liability_claim to "${appRole}";
