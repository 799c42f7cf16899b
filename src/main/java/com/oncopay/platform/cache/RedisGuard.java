package com.oncopay.platform.cache;

import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.health.Degraded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Every request-path call to Redis (the eligibility and catalog caches, the rate limit) goes through
 * here: a time limit of its own ({@code oncopay.redis.call-timeout}; {@code quarkus.redis.timeout} does
 * not bound a call waiting on a frozen server) and a {@link CircuitBreaker}. When half of the last
 * {@code oncopay.redis.breaker-window} calls failed or timed out the breaker opens and Redis is not asked at all for
 * {@code oncopay.redis.breaker-delay}: callers fail at once and degrade (cache reads go to PostgreSQL
 * with {@code X-Cache: BYPASS}, the rate limit fails open), then one trial call closes it again.
 * Counted in {@code oncopay_redis_failed_total}, the state in {@code oncopay_redis_breaker_open};
 * one WARN line a minute at most.
 */
@io.quarkus.runtime.Startup // its metrics exist from the start
@Singleton
public class RedisGuard {
    private final CircuitBreaker breaker;
    private final Counter failed;
    private final Degraded degraded = new Degraded(RedisGuard.class);
    private final Vertx vertx;
    private final long timeoutMillis;

    public RedisGuard(PlatformConfig config, MeterRegistry meters, Vertx vertx) {
        PlatformConfig.Redis redis = config.redis();
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, redis.callTimeout().toMillis());
        // the time limit: a Vert.x timer on the caller's own event loop fails the call (SmallRye Fault Tolerance's
        // timer thread and the hop back from it cost a tenth of the engine's CPU under the eligibility load, bench
        // 2026-12-02-vm-2c-head-5cc9db8), and the breaker counts that failure
        this.breaker = new CircuitBreaker(
                redis.breakerWindow(),
                redis.failureRatio(),
                redis.breakerDelay().toNanos(),
                System::nanoTime,
                s -> {
                    if (s == CircuitBreaker.State.OPEN)
                        degraded.warn("Redis failing or too slow: circuit breaker open, cache reads go to PostgreSQL "
                                + "(X-Cache: BYPASS) and the rate limit is not applied until it answers "
                                + "(this line at most once a minute)");
                });
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
    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            if (!breaker.tryCall()) {
                failed.increment();
                return Uni.createFrom().failure(new BreakerOpen());
            }
            Uni<T> uni;
            try {
                uni = call.get();
            } catch (RuntimeException e) {
                breaker.abandoned();
                throw e;
            }
            return limited(uni, Vertx.currentContext()).onTermination().invoke((item, failure, cancelled) -> {
                if (cancelled) breaker.abandoned(); // the caller went away: no outcome to count
                else if (failure == null) breaker.succeeded();
                else {
                    breaker.failed();
                    failed.increment();
                }
            });
        });
    }

    /** The breaker is open: Redis was not asked. */
    private static final class BreakerOpen extends RuntimeException {
        BreakerOpen() {
            super("Redis circuit breaker open", null, false, false);
        }
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
        return breaker.state() == CircuitBreaker.State.OPEN;
    }

    public CircuitBreaker.State state() {
        return breaker.state();
    }
}
