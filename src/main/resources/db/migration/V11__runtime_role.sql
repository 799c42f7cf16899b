-- Two database roles: migrations run as the owner of the schema (quarkus.flyway.username), the engine
-- runs as ${appRole}, which may read and write the data but owns nothing, cannot change the schema and
-- can only append to the audit log. In production the DBA creates ${appRole} (with a password) before
-- the first start; a local machine gets it from scripts/services-up, or here if it is still missing.
do $$
begin
    if not exists (select from pg_roles where rolname = '${appRole}') then
        execute format('create role %I login', '${appRole}');
    end if;
end
$$;

grant usage on schema oncopay to "${appRole}";
grant select, insert, update, delete on all tables in schema oncopay to "${appRole}";
grant usage, select on all sequences in schema oncopay to "${appRole}";
alter default privileges in schema oncopay grant select, insert, update, delete on tables to "${appRole}";
alter default privileges in schema oncopay grant usage, select on sequences to "${appRole}";

-- the audit log is append-only for the engine
revoke update, delete, truncate on audit_log from "${appRole}";
-- Flyway's own history is not the engine's business
revoke insert, update, delete on flyway_schema_history from "${appRole}";
