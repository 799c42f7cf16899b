package com.oncopay.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code Idempotency-Key} for writes that create or move money. The first request with a
 * key claims it (one row, conditional insert); its result is stored and replayed for 24 h
 * to any retry with the same body. The same key with another body → 422
 * {@code IDEMPOTENCY_KEY_REUSED}; a retry while the first is still running → 409
 * {@code IDEMPOTENCY_IN_PROGRESS}. A failed first attempt releases the key so the client may retry.
 * Keys are scoped per caller: two callers never see each other's results.
 */
@ApplicationScoped
public class IdempotencyStore {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private static final String CLAIM = """
            insert into idempotency_key (caller, idem_key, request_hash, state, expires_at)
            values ($1, $2, $3, 'IN_PROGRESS', now() + $4 * interval '1 second')
            on conflict (caller, idem_key) do update
               set request_hash = excluded.request_hash, state = 'IN_PROGRESS', status_code = null,
                   response_body = null, created_at = now(), expires_at = excluded.expires_at
             where idempotency_key.expires_at < now()
                or (idempotency_key.state = 'IN_PROGRESS' and idempotency_key.created_at < now() - $5 * interval '1 second')
            returning 1""";
    private static final String FIND =
            "select request_hash, state, status_code, response_body from idempotency_key where caller = $1 and idem_key = $2";
    private static final String COMPLETE =
            "update idempotency_key set state = 'DONE', status_code = $3, response_body = $4 where caller = $1 and idem_key = $2";
    private static final String RELEASE =
            "delete from idempotency_key where caller = $1 and idem_key = $2 and state = 'IN_PROGRESS'";

    /** What an idempotent action produced: the HTTP status and the JSON body to send (and to replay). */
    public record Result(int status, Object body) {}

    private final Pool pool;
    private final ObjectMapper mapper;
    private final PlatformConfig config;

    public IdempotencyStore(Pool pool, ObjectMapper mapper, PlatformConfig config) {
        this.pool = pool;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Runs {@code action} at most once per (caller, key). {@code scope} names the operation
     * (e.g. {@code POST /pharmacy/redemptions}) and is part of the fingerprint with the body.
     */
    public Uni<Response> execute(
            Caller caller, String key, String scope, Object requestBody, Supplier<Uni<Result>> action) {
        if (key == null) {
            return Uni.createFrom().deferred(action::get).map(this::toResponse);
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(new ProblemException(400, "INVALID_IDEMPOTENCY_KEY"));
        }
        byte[] fingerprint = fingerprint(scope, requestBody);
        String owner = caller.subject();
        Tuple claim = Tuple.of(
                owner,
                key,
                fingerprint,
                config.idempotency().retention().toSeconds(),
                config.idempotency().abandonAfter().toSeconds());
        return pool.preparedQuery(CLAIM).execute(claim).flatMap(rows -> {
            if (rows.rowCount() == 1) {
                return Uni.createFrom()
                        .deferred(action::get)
                        .onFailure()
                        .call(e -> release(owner, key))
                        .flatMap(result -> complete(owner, key, result));
            }
            return pool.preparedQuery(FIND).execute(Tuple.of(owner, key)).map(found -> {
                if (!found.iterator().hasNext()) {
                    // expired and removed between the two statements: a rare race; ask for a retry
                    throw new ProblemException(409, "IDEMPOTENCY_IN_PROGRESS");
                }
                return replay(found.iterator().next(), fingerprint);
            });
        });
    }

    private Response replay(Row row, byte[] fingerprint) {
        byte[] stored = row.getBuffer("request_hash").getBytes();
        if (!MessageDigest.isEqual(stored, fingerprint)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED");
        }
        if (!"DONE".equals(row.getString("state"))) {
            throw new ProblemException(409, "IDEMPOTENCY_IN_PROGRESS");
        }
        return Response.status(row.getInteger("status_code"))
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(REPLAYED_HEADER, "true")
                .entity(row.getString("response_body"))
                .build();
    }

    private Uni<Response> complete(String owner, String key, Result result) {
        String json = toJson(result.body());
        return pool.preparedQuery(COMPLETE)
                .execute(Tuple.of(owner, key, result.status(), json))
                .map(ignored -> Response.status(result.status())
                        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                        .entity(json)
                        .build());
    }

    private Uni<Void> release(String owner, String key) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(owner, key))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.warnf("Could not release idempotency key after a failure: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    private Response toResponse(Result result) {
        return Response.status(result.status())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(result.body())
                .build();
    }

    byte[] fingerprint(String scope, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(toJson(body).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /** Housekeeping: forget keys past their retention. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return pool.query("delete from idempotency_key where expires_at < now()")
                .execute()
                .invoke(rows -> {
                    if (rows.rowCount() > 0) LOG.debugf("Purged %d expired idempotency keys", rows.rowCount());
                })
                .replaceWithVoid();
    }
}
