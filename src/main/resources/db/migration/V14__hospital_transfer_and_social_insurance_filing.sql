-- #19: a cell therapy is handed over by a cold-chain transfer to the prescribing hospital (mode
-- HOSPITAL: AWAITING_TRANSFER -> IN_TRANSFER -> HOSPITAL_RECEIVED, which settles like a counter
-- redemption), and a member's social-insurance filing (医保备案) is recorded.

alter table fulfilment drop constraint fulfilment_mode_check;
alter table fulfilment add constraint fulfilment_mode_check check (mode in ('PICKUP', 'DELIVERY', 'HOSPITAL'));
alter table fulfilment drop constraint fulfilment_status_check;
alter table fulfilment add constraint fulfilment_status_check
    check (status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'DELIVERED', 'FAILED', 'REDEEMED',
                      'REVERSED', 'CANCELLED', 'AWAITING_TRANSFER', 'IN_TRANSFER', 'HOSPITAL_RECEIVED'));

-- the hospital a transfer goes to (the one on the prescription) and the hospital's signed receipt,
-- recorded by the pharmacy that arranged the transfer: ward, the person who signed, when, receipt number
alter table fulfilment add column hospital_code text references hospital (code);
alter table fulfilment add column received_ward text;
alter table fulfilment add column received_by text;
alter table fulfilment add column received_at timestamptz;
alter table fulfilment add column receipt_no text;
alter table fulfilment add constraint fulfilment_hospital_has_code check (mode <> 'HOSPITAL' or hospital_code is not null);

-- one active fulfilment per prescription now counts a transfer under way too
drop index fulfilment_one_active;
create unique index fulfilment_one_active on fulfilment (prescription_id)
    where status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'AWAITING_TRANSFER', 'IN_TRANSFER');

-- 医保备案: the city it was filed in, the day, and whether the member is treated out of town (异地)
alter table member add column si_filing_city text;
alter table member add column si_filing_date date;
alter table member add column si_filing_out_of_town boolean;
alter table member add constraint member_si_filing_complete
    check ((si_filing_city is null) = (si_filing_date is null) and (si_filing_city is null) = (si_filing_out_of_town is null));
