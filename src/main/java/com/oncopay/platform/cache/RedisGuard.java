package com.oncopay.platform.cache;

import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.health.Degraded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Every request-path call to Redis (the eligibility and catalog caches, the rate limit) goes through
 * here: a time limit of its own ({@code oncopay.redis.call-timeout}; {@code quarkus.redis.timeout} does
 * not bound a call waiting on a frozen server) and a circuit breaker (SmallRye Fault Tolerance). When
 * enough calls fail or time out the breaker opens and Redis is not asked at all for
 * {@code oncopay.redis.breaker-delay}: callers fail at once and degrade (cache reads go to PostgreSQL
 * with {@code X-Cache: BYPASS}, the rate limit fails open), then one trial call closes it again.
 * Counted in {@code oncopay_redis_failed_total}, the state in {@code oncopay_redis_breaker_open};
 * one WARN line a minute at most.
 */
@io.quarkus.runtime.Startup // its metrics exist from the start
@ApplicationScoped
public class RedisGuard {
    public static final String BREAKER = "redis";
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {};

    private final Guard guard;
    private final Counter failed;
    private final Degraded degraded = new Degraded(RedisGuard.class);
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private final Vertx vertx;
    private final long timeoutMillis;

    public RedisGuard(PlatformConfig config, MeterRegistry meters, Vertx vertx) {
        PlatformConfig.Redis redis = config.redis();
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, redis.callTimeout().toMillis());
        // the breaker is SmallRye's; the time limit is not (its timer thread and the hop back from it cost
        // a tenth of the engine's CPU under the eligibility load, bench 2026-12-02-vm-2c-head-5cc9db8): a
        // Vert.x timer on the caller's own event loop fails the call, and the breaker counts that failure
        this.guard = Guard.create()
                .withDescription("Redis calls of the request path")
                .withCircuitBreaker()
                .name(BREAKER)
                .requestVolumeThreshold(redis.breakerWindow())
                .failureRatio(redis.failureRatio())
                .delay(redis.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .onStateChange(s -> {
                    state = s;
                    if (s == CircuitBreakerState.OPEN)
                        degraded.warn("Redis failing or too slow: circuit breaker open, cache reads go to PostgreSQL "
                                + "(X-Cache: BYPASS) and the rate limit is not applied until it answers "
                                + "(this line at most once a minute)");
                })
                .done()
                .withThreadOffload(false)
                .build();
        this.failed = Counter.builder("oncopay.redis.failed")
                .description(
                        "Redis calls that failed, timed out, or were not made because the circuit breaker was open")
                .register(meters);
        Gauge.builder("oncopay.redis.breaker.open", this, g -> g.open() ? 1 : 0)
                .description("1 while the Redis circuit breaker is open (Redis not asked), else 0")
                .register(meters);
    }

    /**
     * {@code call} under the time limit and the breaker; its failure (also a timeout or an open breaker)
     * is the caller's to degrade from. Continues on the caller's Vert.x context, so that what follows
     * (a PostgreSQL read) runs where it would have without Redis; a reply that already arrives there
     * costs no extra hop.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Supplier<Uni<Object>> limited = () -> (Uni<Object>) limited(call.get(), context);
            Uni<T> guarded = (Uni<T>) guard.get(limited, UNI);
            return guarded.onFailure().invoke(e -> failed.increment());
        });
    }

    /** {@code uni}, failed with a {@link TimeoutException} after the limit; its outcome delivered on {@code context}. */
    private <T> Uni<T> limited(Uni<T> uni, Context context) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            // on an event loop the timer fires on the caller's own context (Vert.x binds it to the current one)
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (settled.compareAndSet(false, true))
                    emitter.fail(new TimeoutException("Redis call over " + timeoutMillis + " ms"));
            });
            // a reply after the time limit is consumed and ignored (not cancelled: a cancelled call's late
            // failure would be a dropped exception, logged at ERROR for every slow call)
            uni.subscribe()
                    .with(
                            item -> settle(settled, timer, context, () -> emitter.complete(item)),
                            failure -> settle(settled, timer, context, () -> emitter.fail(failure)));
        });
    }

    private void settle(AtomicBoolean settled, long timer, Context context, Runnable outcome) {
        if (!settled.compareAndSet(false, true)) return; // the time limit came first
        vertx.cancelTimer(timer);
        if (context == null || Vertx.currentContext() == context) outcome.run();
        else context.runOnContext(v -> outcome.run());
    }

    /** True while the breaker is open: Redis is not being asked. */
    public boolean open() {
        return state == CircuitBreakerState.OPEN;
    }

    public CircuitBreakerState state() {
        return state;
    }
}
