package com.oncopay.platform.health;

import com.oncopay.platform.cache.RedisGuard;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Redis is a cache and the rate limit's counter, never the source of truth: its health is a wellness
 * check ({@code /q/health/well}), not readiness, so that a Redis outage does not take every pod out of
 * the Service (requests are then answered from PostgreSQL). Replaces the built-in check
 * ({@code quarkus.redis.health.enabled=false}), which is a readiness check; one PING with a bounded
 * wait, and the state of the circuit breaker the request path uses ({@link RedisGuard}).
 */
@Wellness
@ApplicationScoped
public class RedisWellnessCheck implements AsyncHealthCheck {
    public static final String NAME = "Redis connection health check";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final RedisGuard guard;

    public RedisWellnessCheck(ReactiveRedisDataSource redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String breaker = guard.state().name();
        return redis.execute("PING")
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(pong -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("circuitBreaker", breaker)
                        .build())
                .onFailure()
                .recoverWithItem(e -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("circuitBreaker", breaker)
                        .withData("reason", e.getClass().getSimpleName())
                        .build());
    }
}
