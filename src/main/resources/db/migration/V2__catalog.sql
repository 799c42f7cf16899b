-- Catalog versions and their entries. A version is never changed once loaded: decisions
-- record the version (and tier) they used, so past decisions are never rewritten.

create table catalog_version (
    id             integer generated always as identity primary key,
    effective_from date        not null unique,
    content_hash   text        not null,
    entry_count    integer     not null,
    source         text        not null,
    loaded_at      timestamptz not null default now(),
    loaded_by      text        not null
);

create table catalog_drug (
    version_id      integer  not null references catalog_version (id),
    drug_id         text     not null,
    list_no         integer  not null,
    brand_name      text     not null,
    generic_name    text     not null,
    manufacturer    text     not null,
    molecule_key    text     not null,
    english_generic text     not null,
    originator      boolean  not null,
    tier            smallint not null check (tier between 1 and 3),
    nrdl            boolean  not null,
    nrdl_list_year  integer,
    cold_chain      boolean  not null,
    form            text     not null,
    max_days_supply integer  not null check (max_days_supply between 1 and 365),
    indication_rule text,
    fulfilment      text     not null,
    aid_program     text,
    pinyin_initials text     not null,
    pinyin_full     text     not null,
    primary key (version_id, drug_id),
    unique (version_id, list_no)
);

create function catalog_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'catalog versions are immutable: load a new version instead';
end;
$$;
create trigger catalog_version_immutable before update or delete on catalog_version
    for each row execute function catalog_immutable();
create trigger catalog_drug_immutable before update or delete on catalog_drug
    for each row execute function catalog_immutable();
