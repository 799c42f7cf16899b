package com.oncopay.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.time.WallClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
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
 *
 * <p>Writes that move money use {@link #executeInTransaction}: the answer is stored in the money's own
 * transaction ({@link StoredAnswer}), so a crash between the commit and the answer leaves the key DONE
 * with the answer, and the retry gets the original 200 with its money block, never
 * {@code IDEMPOTENCY_IN_PROGRESS} forever nor a refusal of the work already done.
 */
@ApplicationScoped
public class IdempotencyStore {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** What an idempotent action produced: the HTTP status and the JSON body to send (and to replay). */
    public record Result(int status, Object body) {}

    private final Transactions transactions;
    private final IdempotencyRepository keys;
    private final WallClock wallClock;
    private final ObjectMapper mapper;
    private final PlatformConfig config;
    private volatile String crashAfterCommit;

    public IdempotencyStore(
            Transactions transactions,
            IdempotencyRepository keys,
            WallClock wallClock,
            ObjectMapper mapper,
            PlatformConfig config) {
        this.transactions = transactions;
        this.keys = keys;
        this.wallClock = wallClock;
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
        return onceClaimed(
                caller,
                key,
                scope,
                requestBody,
                (owner, fingerprint) -> Uni.createFrom()
                        .deferred(action::get)
                        .onFailure()
                        .call(e -> release(owner, key))
                        .flatMap(result -> complete(owner, key, result)));
    }

    /**
     * Checks the key, claims it for (caller, key) with the request's fingerprint and runs {@code work} with the
     * owner and the fingerprint; a key already claimed answers its stored response (or 409 while in progress, 422
     * when the request differs).
     */
    private Uni<Response> onceClaimed(
            Caller caller,
            String key,
            String scope,
            Object requestBody,
            BiFunction<String, byte[], Uni<Response>> work) {
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(new ProblemException(400, "INVALID_IDEMPOTENCY_KEY"));
        }
        byte[] fingerprint = fingerprint(scope, requestBody);
        String owner = caller.subject();
        Tx db = transactions.autoCommit();
        return claim(db, owner, key, fingerprint).flatMap(claimed -> {
            if (claimed) return work.apply(owner, fingerprint);
            // expired and removed between the two statements: a rare race; ask for a retry
            return keys.find(db, owner, key)
                    .map(found -> replay(
                            found.orElseThrow(() -> new ProblemException(409, "IDEMPOTENCY_IN_PROGRESS")),
                            fingerprint));
        });
    }

    /**
     * As {@link #execute}, for work that stores its answer in its own transaction: {@code action} gets the
     * {@link StoredAnswer} to call last in that transaction with what it returns ({@link StoredAnswer#NONE}
     * without a key). The response is the stored JSON, byte for byte what a retry gets. 200 on success.
     */
    public <T> Uni<Response> executeInTransaction(
            Caller caller, String key, String scope, Object requestBody, Function<StoredAnswer, Uni<T>> action) {
        if (key == null) {
            return Uni.createFrom()
                    .deferred(() -> action.apply(StoredAnswer.NONE))
                    .map(r -> toResponse(new Result(200, r)));
        }
        return onceClaimed(caller, key, scope, requestBody, (owner, fingerprint) -> {
            AtomicReference<String> stored = new AtomicReference<>();
            StoredAnswer answer = (tx, body) -> {
                String json = toJson(body);
                return keys.completeClaimed(tx, owner, key, fingerprint, 200, json)
                        .invoke(done -> {
                            // another attempt took the abandoned key over and completed it: roll this one back
                            if (!done) throw new ProblemException(409, "IDEMPOTENCY_IN_PROGRESS");
                            stored.set(json);
                        })
                        .replaceWithVoid();
            };
            return Uni.createFrom()
                    .deferred(() -> action.apply(answer))
                    .onFailure()
                    .call(e -> release(owner, key))
                    .invoke(result -> crashPoint(key))
                    .flatMap(result -> {
                        String json = stored.get();
                        if (json != null) return Uni.createFrom().item(json(200, json));
                        // the action did not store its answer in its transaction: complete it now
                        return complete(owner, key, new Result(200, result));
                    });
        });
    }

    /**
     * Fault injection for tests: the next request with {@code key} fails, as if the process died, right after
     * its work committed and before anything else (no release, no response body).
     */
    public void crashAfterCommitOnce(String key) {
        crashAfterCommit = key;
    }

    private void crashPoint(String key) {
        if (key.equals(crashAfterCommit)) {
            crashAfterCommit = null;
            throw new IllegalStateException("simulated crash after the commit of idempotent request " + key);
        }
    }

    private static Response json(int status, String json) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(json)
                .build();
    }

    private Uni<Boolean> claim(Tx db, String owner, String key, byte[] fingerprint) {
        OffsetDateTime now = wallClock.now();
        return keys.claim(
                db,
                owner,
                key,
                fingerprint,
                now,
                now.plus(config.idempotency().retention()),
                now.minus(config.idempotency().abandonAfter()));
    }

    private Response replay(IdempotencyRepository.Stored stored, byte[] fingerprint) {
        if (!MessageDigest.isEqual(stored.requestHash(), fingerprint)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED");
        }
        if (!stored.done()) {
            throw new ProblemException(409, "IDEMPOTENCY_IN_PROGRESS");
        }
        return Response.status(stored.statusCode())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(REPLAYED_HEADER, "true")
                .entity(stored.responseBody())
                .build();
    }

    private Uni<Response> complete(String owner, String key, Result result) {
        String json = toJson(result.body());
        return keys.complete(transactions.autoCommit(), owner, key, result.status(), json)
                .map(ignored -> json(result.status(), json));
    }

    private Uni<Void> release(String owner, String key) {
        return keys.release(transactions.autoCommit(), owner, key)
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
        return keys.purge(transactions.autoCommit(), wallClock.now())
                .invoke(n -> {
                    if (n > 0) LOG.debugf("Purged %d expired idempotency keys", n);
                })
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.debugf("expired idempotency keys not purged, next round: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }
}
