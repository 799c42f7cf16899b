package com.oncopay.platform.idempotency;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The {@code idempotency_key} table: one row per (caller, key). */
@ApplicationScoped
public class IdempotencyRepository {
    private static final String CLAIM = """
            insert into idempotency_key (caller, idem_key, request_hash, state, created_at, expires_at)
            values ($1, $2, $3, 'IN_PROGRESS', $4, $5)
            on conflict (caller, idem_key) do update
               set request_hash = excluded.request_hash, state = 'IN_PROGRESS', status_code = null,
                   response_body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
             where idempotency_key.expires_at < excluded.created_at
                or (idempotency_key.state = 'IN_PROGRESS' and idempotency_key.created_at < $6)
            returning 1""";
    private static final String FIND = """
            select request_hash, state, status_code, response_body
              from idempotency_key where caller = $1 and idem_key = $2""";
    private static final String COMPLETE = """
            update idempotency_key set state = 'DONE', status_code = $3, response_body = $4
             where caller = $1 and idem_key = $2""";
    private static final String COMPLETE_CLAIMED = """
            update idempotency_key set state = 'DONE', status_code = $3, response_body = $4
             where caller = $1 and idem_key = $2 and state = 'IN_PROGRESS' and request_hash = $5""";
    private static final String RELEASE =
            "delete from idempotency_key where caller = $1 and idem_key = $2 and state = 'IN_PROGRESS'";
    private static final String PURGE = "delete from idempotency_key where expires_at < $1";

    /** A key's stored state; {@code statusCode} and {@code responseBody} are set once it is done. */
    public record Stored(byte[] requestHash, boolean done, Integer statusCode, String responseBody) {}

    /**
     * Claims the key at {@code now} until {@code expiresAt}: true when it was free, had expired, or was
     * left in progress since before {@code abandonedBefore}.
     */
    public Uni<Boolean> claim(
            Tx tx,
            String caller,
            String key,
            byte[] requestHash,
            OffsetDateTime now,
            OffsetDateTime expiresAt,
            OffsetDateTime abandonedBefore) {
        return tx.client()
                .preparedQuery(CLAIM)
                .execute(Tuple.of(caller, key, requestHash, now, expiresAt, abandonedBefore))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Stored>> find(Tx tx, String caller, String key) {
        return tx.client().preparedQuery(FIND).execute(Tuple.of(caller, key)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row r = rows.iterator().next();
            return Optional.of(new Stored(
                    r.getBuffer("request_hash").getBytes(),
                    "DONE".equals(r.getString("state")),
                    r.getInteger("status_code"),
                    r.getString("response_body")));
        });
    }

    public Uni<Void> complete(Tx tx, String caller, String key, int status, String responseBody) {
        return tx.client()
                .preparedQuery(COMPLETE)
                .execute(Tuple.of(caller, key, status, responseBody))
                .replaceWithVoid();
    }

    /**
     * Completes the key this request claimed (still IN_PROGRESS, same request), in {@code tx}: false when
     * it is no longer this request's to complete (another attempt completed it after an abandonment).
     */
    public Uni<Boolean> completeClaimed(
            Tx tx, String caller, String key, byte[] requestHash, int status, String responseBody) {
        return tx.client()
                .preparedQuery(COMPLETE_CLAIMED)
                .execute(Tuple.of(caller, key, status, responseBody, requestHash))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> release(Tx tx, String caller, String key) {
        return tx.client().preparedQuery(RELEASE).execute(Tuple.of(caller, key)).replaceWithVoid();
    }

    /** Deletes the keys expired before {@code now}; answers how many. */
    public Uni<Integer> purge(Tx tx, OffsetDateTime now) {
        return tx.client().preparedQuery(PURGE).execute(Tuple.of(now)).map(rows -> rows.rowCount());
    }
}
