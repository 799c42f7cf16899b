package com.oncopay.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the append-only audit log. Pass the transaction's connection to make the audit
 * row part of the change it records; without one it is written on its own.
 */
@ApplicationScoped
public class AuditLog {
    static final String INSERT = "insert into audit_log (actor, actor_role, action, object_type, object_id, detail) "
            + "values ($1, $2, $3, $4, $5, $6)";

    private final Pool pool;
    private final ObjectMapper mapper;

    public AuditLog(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Void> record(AuditEntry entry) {
        return record(pool, entry);
    }

    public Uni<Void> record(SqlClient client, AuditEntry entry) {
        return client.preparedQuery(INSERT).execute(tuple(entry)).replaceWithVoid();
    }

    Tuple tuple(AuditEntry e) {
        String detail;
        try {
            detail = mapper.writeValueAsString(e.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit detail is not serialisable", ex);
        }
        return Tuple.tuple()
                .addString(e.actor())
                .addString(e.actorRole())
                .addString(e.action())
                .addString(e.objectType())
                .addString(e.objectId())
                .addValue(new io.vertx.core.json.JsonObject(detail));
    }
}
