package com.oncopay.coverage;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Eligibility snapshots in Redis, one hash per member ({@code elig:{memberId}}) with a
 * field per drug, day and catalog version. Any change to the member's policies, diagnoses
 * or accumulators deletes the member's hash; a catalog version coming into force changes
 * the field names. Values hold reason codes and amounts, never an identity number or a
 * diagnosis. Redis unreachable → a miss, never an error.
 */
@ApplicationScoped
public class EligibilityCache {
    private static final Logger LOG = Logger.getLogger(EligibilityCache.class);

    private final ReactiveHashCommands<String, String, String> hash;
    private final ReactiveKeyCommands<String> keys;
    private final Duration ttl;

    public EligibilityCache(ReactiveRedisDataSource redis,
                            CoverageConfig config) {
        this.hash = redis.hash(String.class);
        this.keys = redis.key(String.class);
        this.ttl = config.eligibilityCacheTtl();
    }

    static String key(String memberId) {
        return "elig:" + memberId;
    }

    public Uni<String> get(String memberId, String field) {
        return hash.hget(key(memberId), field)
                .onFailure().invoke(e -> LOG.debugf("eligibility cache read skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> put(String memberId, String field, String json) {
        return hash.hset(key(memberId), field, json)
                .flatMap(x -> keys.pexpire(key(memberId), ttl))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.debugf("eligibility cache write skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Forget every snapshot of a member (call after the change has committed). */
    public Uni<Void> invalidate(String memberId) {
        return keys.del(key(memberId)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("eligibility cache invalidation failed for a member; entries expire within %s", ttl))
                .onFailure().recoverWithNull();
    }
}
