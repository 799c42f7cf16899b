-- Platform baseline: idempotency keys and the append-only audit log.
-- Flyway creates the schema (quarkus.flyway.schemas) when it is missing.

create table idempotency_key (
    caller        text        not null,
    idem_key      text        not null,
    request_hash  bytea       not null,
    state         text        not null check (state in ('IN_PROGRESS', 'DONE')),
    status_code   integer,
    response_body text,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    primary key (caller, idem_key)
);
create index idempotency_key_expires on idempotency_key (expires_at);

-- Every read of sensitive data and every decision leaves a row here. Never updated or
-- deleted by the application; the trigger below refuses it outright. `detail` holds
-- no identity number and no diagnosis.
create table audit_log (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    actor_role  text        not null,
    action      text        not null,
    object_type text        not null,
    object_id   text,
    detail      jsonb       not null default '{}'::jsonb
);
create index audit_log_object on audit_log (object_type, object_id, at);
create index audit_log_at on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
