-- Business-day calendars as data: one row per year loaded from its State Council holiday
-- notice (the uploaded file kept as it came, with its hash for idempotent re-loads), and its
-- days. A year with no row is provisional: weekends plus the statutory holidays, computed.
create table calendar_year (
    year          integer primary key check (year between 1900 and 2100),
    notice_title  text,
    notice_date   date,
    source_tsv    text        not null,
    source_sha256 text        not null,
    loaded_at     timestamptz not null default now(),
    loaded_by     text        not null
);

create table calendar_day (
    day  date primary key,
    year integer not null references calendar_year (year) on delete cascade,
    kind text    not null check (kind in ('HOLIDAY', 'WORKDAY')),
    note text    not null default '',
    check (extract(year from day) = year)
);
create index calendar_day_year on calendar_day (year);

-- Whether a due date or promise was computed on a provisional day (a year without its notice).
alter table prescription add column calendar_provisional boolean not null default false;
alter table fulfilment add column calendar_provisional boolean not null default false;
create index prescription_calendar_provisional on prescription (id) where calendar_provisional;
create index fulfilment_calendar_provisional on fulfilment (id) where calendar_provisional;

-- Where the demo data set was last placed: its dates are written for one day (placedFor in
-- demo/demo-data.json) and moved by shift_days so that the demo works on the day it starts.
create table demo_placement (
    id         boolean primary key default true check (id),
    shift_days integer     not null,
    placed_at  timestamptz not null default now()
);
