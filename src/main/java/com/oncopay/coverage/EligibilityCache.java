package com.oncopay.coverage;

import com.oncopay.platform.cache.RedisGuard;
import com.oncopay.platform.health.Degraded;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Eligibility snapshots in Redis, one hash per member ({@code elig:{memberId}}) with a
 * field per drug, day and catalog version. Any change to the member's policies, diagnoses
 * or accumulators deletes the member's hash and bumps the member's generation
 * ({@code elig:gen:{memberId}}); a snapshot computed before a change carries the old
 * generation and is not written (a script compares and writes atomically), so a slow
 * computation can never put back a stale answer. A catalog version coming into force
 * changes the field names. Values hold reason codes and amounts, never an identity number
 * or a diagnosis. Every call goes through {@link RedisGuard} (a time limit and a circuit breaker):
 * Redis unreachable, frozen or breaker open → a bypass (computed from PostgreSQL), never an error or a wait.
 */
@Singleton
public class EligibilityCache {
    private static final Logger LOG = Logger.getLogger(EligibilityCache.class);
    private static final String PUT_IF_CURRENT = "local g = redis.call('GET', KEYS[2]) or '0' "
            + "if g ~= ARGV[1] then return 0 end "
            + "redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) redis.call('PEXPIRE', KEYS[1], ARGV[4]) return 1";
    /**
     * Deletes, bumps the generation and tells every replica's near cache, in one step. A generation that Redis
     * no longer has (never set, or lost: a FLUSHDB, an eviction, a restart without persistence) starts from Redis's
     * clock in microseconds, not from 0: counting again from 0 would hand out numbers an older near-cache entry may
     * carry, and a replica hearing "member 1" would keep its entry made under the old 1 (stale up to its TTL).
     */
    private static final String INVALIDATE = "redis.call('DEL', KEYS[1]) "
            + "if redis.call('EXISTS', KEYS[2]) == 0 then local t = redis.call('TIME') "
            + "redis.call('SET', KEYS[2], t[1] .. string.format('%06d', tonumber(t[2]))) end "
            + "local g = redis.call('INCR', KEYS[2]) "
            + "redis.call('PUBLISH', ARGV[1], ARGV[2] .. ' ' .. g) return g";
    /** The snapshot and the generation it is valid under, read together. */
    private static final String GET_WITH_GENERATION =
            "return {redis.call('HGET', KEYS[1], ARGV[1]) or false, redis.call('GET', KEYS[2]) or '0'}";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hash;
    private final Duration ttl;
    private final RedisGuard guard;
    private final Degraded staleRisk = new Degraded(EligibilityCache.class);

    private final NearEligibilityCache near;
    private final String channel;
    private final boolean withGeneration;

    /**
     * A read: the cached JSON (null: a miss), or {@code bypassed} when Redis could not be asked;
     * {@code generation} is the member's generation read with it (-1 when not read).
     */
    public record Read(String json, boolean bypassed, long generation) {
        public Read(String json, boolean bypassed) {
            this(json, bypassed, -1);
        }
    }

    public EligibilityCache(
            ReactiveRedisDataSource redis, CoverageConfig config, RedisGuard guard, NearEligibilityCache near) {
        this.redis = redis;
        this.guard = guard;
        this.hash = redis.hash(String.class);
        this.ttl = config.eligibilityCacheTtl();
        this.near = near;
        this.channel = config.nearCache().channel();
        this.withGeneration = config.nearCache().enabled();
    }

    static String key(String memberId) {
        return "elig:" + memberId;
    }

    static String generationKey(String memberId) {
        return "elig:gen:" + memberId;
    }

    public Uni<Read> get(String memberId, String field) {
        // with the near cache, one script instead of HGET: the near cache needs the generation of what it keeps
        Uni<Read> read = withGeneration
                ? guard.call(() -> redis.execute(
                                "EVAL", GET_WITH_GENERATION, "2", key(memberId), generationKey(memberId), field))
                        .map(r -> new Read(
                                r.get(0) == null ? null : r.get(0).toString(),
                                false,
                                Long.parseLong(r.get(1).toString())))
                : guard.call(() -> hash.hget(key(memberId), field)).map(json -> new Read(json, false));
        return read.onFailure()
                .invoke(e -> LOG.debugf("eligibility cache read skipped: %s", e.getMessage()))
                .onFailure()
                .recoverWithItem(new Read(null, true));
    }

    /** The member's generation, read before computing a snapshot; null when Redis is unreachable. */
    public Uni<String> generation(String memberId) {
        return guard.call(() -> redis.value(String.class, String.class).get(generationKey(memberId)))
                .map(g -> g == null ? "0" : g)
                .onFailure()
                .recoverWithNull();
    }

    /** Writes the snapshot only if nothing it depends on changed since {@code generation} was read. */
    public Uni<Void> put(String memberId, String field, String json, String generation) {
        if (generation == null) return Uni.createFrom().voidItem();
        return guard.call(() -> redis.execute(
                        "EVAL",
                        PUT_IF_CURRENT,
                        "2",
                        key(memberId),
                        generationKey(memberId),
                        generation,
                        field,
                        json,
                        Long.toString(ttl.toMillis())))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.debugf("eligibility cache write skipped: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /**
     * Deletes a member's snapshots and generation outright, here and in Redis, telling no other replica: only for
     * members no other replica can ask about (the start-up warm-up's made-up ones, {@link EligibilityService#stageMadeUp}).
     * Redis unreachable: they expire with the snapshots' TTL.
     */
    public Uni<Void> forget(String memberId) {
        return Uni.createFrom()
                .deferred(() -> {
                    near.drop(memberId);
                    return guard.call(() -> redis.key().del(key(memberId), generationKey(memberId)));
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }

    /**
     * Forget every snapshot of a member (call after the change has committed): at once in this
     * replica's near cache, then in Redis, which tells the other replicas' near caches.
     */
    public Uni<Void> invalidate(String memberId) {
        return Uni.createFrom()
                .deferred(() -> {
                    near.drop(memberId);
                    return guard.call(() -> redis.execute(
                            "EVAL", INVALIDATE, "2", key(memberId), generationKey(memberId), channel, memberId));
                })
                .invoke(g -> near.invalidated(memberId, g.toLong()))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> staleRisk.warn(
                        "Eligibility cache invalidation failed (%s); entries of the members concerned expire within %s "
                                + "(this line at most once a minute)",
                        e.toString(), ttl))
                .onFailure()
                .recoverWithNull();
    }
}
