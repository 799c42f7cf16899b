-- #19: what was collected when the drug was handed over (counter or door), one row per dispense.
-- The checklist's items are null when an older client stated only the prescription (not asserted);
-- a collection by someone else (代领) keeps the collector's name and identity number sealed by FieldCipher.
create table hand_over (
    dispense_id                   uuid primary key references dispense (id),
    fulfilment_id                 uuid        not null references fulfilment (id),
    prescription_original         boolean     not null check (prescription_original),
    claim_application_form        boolean,
    benefit_payment_authorisation boolean,
    collection_confirmation       boolean,
    insured_id_copy               boolean,
    collector_relation            text check (collector_relation in ('SPOUSE', 'PARENT', 'CHILD', 'SIBLING', 'OTHER_RELATIVE', 'OTHER')),
    collector_name_enc            bytea,
    collector_id_enc              bytea,
    power_of_attorney_seen        boolean,
    member_id_seen                boolean,
    at                            timestamptz not null,
    check ((collector_relation is null) = (collector_name_enc is null)
           and (collector_relation is null) = (collector_id_enc is null)),
    check (collector_relation is null or (power_of_attorney_seen and member_id_seen))
);
create index hand_over_fulfilment on hand_over (fulfilment_id);

-- a record of what was handed over: the engine appends, never changes (V11's default privileges grant the rest)
grant select, insert on hand_over to "${appRole}";
revoke update, delete, truncate on hand_over from "${appRole}";
