package com.oncopay.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.time.WallClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The append-only {@code audit_log}: rows are inserted, never changed. */
@ApplicationScoped
public class AuditRepository {
    private static final String INSERT = """
            insert into audit_log (actor, actor_role, action, object_type, object_id, detail, at)
            values ($1, $2, $3, $4, $5, $6::text::jsonb, $7)""";
    /** Many rows in one statement: one parse, one executor run and one round trip for a batch of any size. */
    private static final String INSERT_ALL = """
            insert into audit_log (actor, actor_role, action, object_type, object_id, detail, at)
            select actor, role, action, type, id, detail::jsonb, $7::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                as e (actor, role, action, type, id, detail)""";

    private static final String INSERT_NATIVE = """
            insert into audit_log (actor, actor_role, action, object_type, object_id, detail, at)
            values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7)""";

    private final ObjectMapper mapper;
    private final WallClock wallClock;

    public AuditRepository(ObjectMapper mapper, WallClock wallClock) {
        this.mapper = mapper;
        this.wallClock = wallClock;
    }

    public Uni<Void> insert(Tx tx, AuditEntry entry) {
        return tx.client().preparedQuery(INSERT).execute(tuple(entry)).replaceWithVoid();
    }

    public Uni<Void> insertAll(Tx tx, List<AuditEntry> entries) {
        if (entries.isEmpty()) return Uni.createFrom().voidItem();
        int n = entries.size();
        String[] actors = new String[n], roles = new String[n], actions = new String[n];
        String[] types = new String[n], ids = new String[n], details = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            actors[i] = e.actor();
            roles[i] = e.actorRole();
            actions[i] = e.action();
            types[i] = e.objectType();
            ids[i] = e.objectId();
            details[i] = detail(e);
        }
        return tx.client()
                .preparedQuery(INSERT_ALL)
                .execute(Tuple.tuple()
                        .addArrayOfString(actors)
                        .addArrayOfString(roles)
                        .addArrayOfString(actions)
                        .addArrayOfString(types)
                        .addArrayOfString(ids)
                        .addArrayOfString(details)
                        .addOffsetDateTime(wallClock.now())) // the flush's time, one for every row of the batch
                .replaceWithVoid();
    }

    /**
     * In the current Hibernate Reactive session (inside {@code Transactions.inEntityTransaction}): the
     * session's pending changes are flushed first, then the row joins the same transaction.
     */
    public Uni<Void> insertInEntitySession(AuditEntry entry) {
        return Panache.getSession().flatMap(s -> s.flush().chain(() -> insert(s, entry)));
    }

    private Uni<Void> insert(Mutiny.Session session, AuditEntry entry) {
        return session.createNativeQuery(INSERT_NATIVE)
                .setParameter(1, entry.actor())
                .setParameter(2, entry.actorRole())
                .setParameter(3, entry.action())
                .setParameter(4, entry.objectType())
                .setParameter(5, entry.objectId())
                .setParameter(6, detail(entry))
                .setParameter(7, wallClock.now())
                .executeUpdate()
                .replaceWithVoid();
    }

    private Tuple tuple(AuditEntry e) {
        return Tuple.tuple()
                .addString(e.actor())
                .addString(e.actorRole())
                .addString(e.action())
                .addString(e.objectType())
                .addString(e.objectId())
                .addString(detail(e)) // serialised once, cast by PostgreSQL
                .addOffsetDateTime(wallClock.now());
    }

    private String detail(AuditEntry e) {
        try {
            return mapper.writeValueAsString(e.detail());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit detail is not serialisable", ex);
        }
    }
}
