-- #22: the outbox in daily partitions (UTC days of created_at, the wall-clock time the row was written).
-- Sent rows past the retention go by dropping their day's partition, not by DELETE: no dead tuples are
-- left behind for vacuum, so the table's size is bounded by the retention even where vacuum lags.
-- A day's partition is dropped only when every row in it was sent. A default partition takes any row
-- whose day has no partition yet (it should stay empty); its sent rows past the retention are deleted.
-- The engine's role owns nothing, so it prepares and drops partitions through the two functions below,
-- which run as the schema's owner and do only that.

alter table outbox rename to outbox_v22;
alter table outbox_v22 rename constraint outbox_pkey to outbox_v22_pkey;
alter index outbox_unsent rename to outbox_v22_unsent;
alter index outbox_pharmacy_seq rename to outbox_v22_pharmacy_seq;

create sequence outbox_event_id;
select setval('outbox_event_id', coalesce((select max(id) from outbox_v22), 0) + 1, false);

create table outbox (
    id            bigint      not null default nextval('outbox_event_id'),
    pharmacy_code text        not null,
    event_type    text        not null,
    aggregate_id  text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz,
    seq           bigint      not null,
    primary key (id, created_at)
) partition by range (created_at);
alter sequence outbox_event_id owned by outbox.id;
create index outbox_unsent on outbox (id) where sent_at is null;
-- positions are unique per pharmacy by construction (pharmacy_stream hands them out under a row lock);
-- a unique index on a partitioned table must hold the partition key, so this one is unique per day
create unique index outbox_pharmacy_seq on outbox (pharmacy_code, seq, created_at);
create table outbox_default partition of outbox default;

-- outbox_prepare_days(first, days): a partition for each UTC day first .. first + days - 1 that has none.
-- Rows the default partition holds for such a day move into it. Answers how many partitions it made.
create function outbox_prepare_days(first date, days int) returns int
    language plpgsql security definer set search_path = oncopay, pg_temp as $$
declare
    made int := 0;
    d date;
    part text;
    lo timestamptz;
    hi timestamptz;
    moving outbox[];
begin
    if days < 1 or days > 31 then
        raise exception 'outbox_prepare_days: days must be 1..31, not %', days;
    end if;
    perform set_config('lock_timeout', '2s', true);
    perform pg_advisory_xact_lock(7412003); -- one maintainer at a time across replicas
    for i in 0 .. days - 1 loop
        d := first + i;
        part := 'outbox_' || to_char(d, 'YYYYMMDD');
        if to_regclass('oncopay.' || part) is null then
            lo := d::timestamp at time zone 'UTC';
            hi := (d + 1)::timestamp at time zone 'UTC';
            with gone as (delete from outbox_default where created_at >= lo and created_at < hi returning *)
            select array_agg(gone::outbox) into moving from gone;
            execute format('create table oncopay.%I partition of oncopay.outbox for values from (%L) to (%L)',
                           part, lo, hi);
            if moving is not null then
                insert into outbox select (unnest(moving)).*;
            end if;
            made := made + 1;
        end if;
    end loop;
    return made;
end
$$;

-- outbox_drop_days_before(day): drops the daily partitions that end on or before that UTC day's start and
-- hold no unsent row; then deletes the default partition's rows sent before it. Answers the partitions dropped.
create function outbox_drop_days_before(day date) returns int
    language plpgsql security definer set search_path = oncopay, pg_temp as $$
declare
    dropped int := 0;
    cutoff timestamptz := day::timestamp at time zone 'UTC';
    p record;
    unsent boolean;
begin
    perform set_config('lock_timeout', '2s', true);
    perform pg_advisory_xact_lock(7412003);
    for p in
        select c.relname
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'oncopay.outbox'::regclass and c.relname ~ '^outbox_[0-9]{8}$'
           and to_date(substr(c.relname, 8), 'YYYYMMDD') + 1 <= day
         order by c.relname
    loop
        execute format('select exists (select 1 from oncopay.%I where sent_at is null)', p.relname) into unsent;
        if not unsent then
            execute format('drop table oncopay.%I', p.relname);
            dropped := dropped + 1;
        end if;
    end loop;
    delete from outbox_default where sent_at is not null and sent_at < cutoff;
    return dropped;
end
$$;

revoke all on function outbox_prepare_days(date, int) from public;
revoke all on function outbox_drop_days_before(date) from public;
grant execute on function outbox_prepare_days(date, int) to "${appRole}";
grant execute on function outbox_drop_days_before(date) to "${appRole}";

-- the rows so far, and the days around today
insert into outbox (id, pharmacy_code, event_type, aggregate_id, payload, created_at, sent_at, seq)
    select id, pharmacy_code, event_type, aggregate_id, payload, created_at, sent_at, seq from outbox_v22;
drop table outbox_v22;
select outbox_prepare_days((now() at time zone 'UTC')::date - 1, 3);
