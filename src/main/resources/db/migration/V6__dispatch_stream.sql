-- Per-pharmacy stream positions. An outbox row takes the next position of its pharmacy in
-- the same statement that inserts it; the counter row stays locked until the transaction
-- commits, so positions become visible in order, without gaps, per pharmacy.
create table pharmacy_stream (
    pharmacy_code text primary key,
    last_seq      bigint not null
);
alter table outbox add column seq bigint;
update outbox o set seq = x.n from (select id, row_number() over (partition by pharmacy_code order by id) as n from outbox) x where x.id = o.id;
insert into pharmacy_stream (pharmacy_code, last_seq) select pharmacy_code, max(seq) from outbox group by pharmacy_code;
alter table outbox alter column seq set not null;
create unique index outbox_pharmacy_seq on outbox (pharmacy_code, seq);
drop index outbox_pharmacy;
