package com.oncopay.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's business meters (Prometheus names {@code oncopay_*}), all registered at start so that
 * dashboards and alert rules find them before the first event. Counters are incremented after the
 * money's transaction committed (from the use case's answer, {@link CountsMoney}); gauges of what sits in
 * PostgreSQL are refreshed by a scheduled read of the feature that owns the rows, never per scrape.
 */
@io.quarkus.runtime.Startup
@Singleton
public class Meters {
    private final Map<MeteredMoney.Kind, Counter> counts;
    private final Map<MeteredMoney.Kind, Counter> amounts;
    /** By cache, then by the {@code X-Cache} value its answer carried: HIT, MISS, BYPASS or NEAR. */
    private final Map<String, Map<String, Counter>> cacheLookups;

    private final MeterRegistry registry;
    /** By resource class, then method: the pool turns of each request that took any ({@link #poolTurns}). */
    private final Map<Class<?>, Map<String, DistributionSummary>> poolTurns =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Counter rateLimited;
    private final Counter replays;
    private final AtomicLong reviewQueue = new AtomicLong();
    private final AtomicLong reviewOverdue = new AtomicLong();
    private final AtomicLong outboxUnsent = new AtomicLong();
    private final AtomicLong outboxOldestAge = new AtomicLong();

    public Meters(MeterRegistry meters) {
        this.registry = meters;
        counts = Map.of(
                MeteredMoney.Kind.REDEMPTION,
                        count(meters, "oncopay.redemptions", "Pickup codes redeemed at a pharmacy counter (committed)"),
                MeteredMoney.Kind.REVERSAL,
                        count(meters, "oncopay.reversals", "Dispenses reversed (returns, errors; committed)"),
                MeteredMoney.Kind.DELIVERY_SETTLED,
                        count(meters, "oncopay.deliveries.settled", "Home deliveries handed over and settled"));
        amounts = Map.of(
                MeteredMoney.Kind.REDEMPTION,
                        fen(meters, "oncopay.redemptions.amount", "Insurer's direct-billed amount of redemptions"),
                MeteredMoney.Kind.REVERSAL,
                        fen(meters, "oncopay.reversals.amount", "Insurer's amount given back by reversals"),
                MeteredMoney.Kind.DELIVERY_SETTLED,
                        fen(
                                meters,
                                "oncopay.deliveries.settled.amount",
                                "Insurer's direct-billed amount of deliveries"));
        cacheLookups = Map.of("eligibility", lookups(meters, "eligibility"), "catalog", lookups(meters, "catalog"));
        rateLimited = count(
                meters, "oncopay.rate.limited.requests", "Requests refused with 429 RATE_LIMITED by a rate limit");
        replays = count(
                meters,
                "oncopay.idempotent.replays",
                "Requests answered with the stored first answer of their Idempotency-Key");
        gauge(meters, "oncopay.review.queue.depth", null, reviewQueue, "Prescriptions waiting in the review queue");
        gauge(
                meters,
                "oncopay.review.queue.overdue",
                null,
                reviewOverdue,
                "Queued prescriptions past their review due time");
        gauge(meters, "oncopay.outbox.unsent", null, outboxUnsent, "Outbox rows not yet acknowledged by Kafka");
        gauge(
                meters,
                "oncopay.outbox.oldest.unsent.age",
                "seconds",
                outboxOldestAge,
                "Age of the oldest outbox row not yet acknowledged by Kafka (0 when none)");
    }

    private static Counter count(MeterRegistry meters, String name, String help) {
        return Counter.builder(name).description(help).register(meters);
    }

    private static Counter fen(MeterRegistry meters, String name, String help) {
        return Counter.builder(name).baseUnit("fen").description(help).register(meters);
    }

    /** One cache's counters (near: answered from this replica's memory, no Redis round trip). */
    private static Map<String, Counter> lookups(MeterRegistry meters, String cache) {
        var byValue = new java.util.HashMap<String, Counter>();
        for (String result : new String[] {"hit", "miss", "bypass", "near"})
            byValue.put(result.toUpperCase(Locale.ROOT), lookup(meters, cache, result));
        return Map.copyOf(byValue);
    }

    private static Counter lookup(MeterRegistry meters, String cache, String result) {
        return Counter.builder("oncopay.cache.lookups")
                .tag("cache", cache)
                .tag("result", result)
                .description(
                        "Answers of the eligibility and catalog caches by where they came from: this replica's memory (near), Redis (hit), "
                                + "PostgreSQL after a miss, or PostgreSQL with Redis bypassed; hit ratio = hit / all")
                .register(meters);
    }

    private static void gauge(MeterRegistry meters, String name, String unit, AtomicLong value, String help) {
        Gauge.builder(name, value, AtomicLong::get)
                .baseUnit(unit)
                .description(help)
                .register(meters);
    }

    /** Counts what an answer moved; call it once the answer's transaction committed. */
    public void count(MeteredMoney answer) {
        MeteredMoney.Moved moved = answer == null ? null : answer.moneyMoved();
        if (moved == null) return;
        counts.get(moved.kind()).increment();
        amounts.get(moved.kind()).increment(Math.abs(moved.fen()));
    }

    /** A cached answer's {@code X-Cache} value (NEAR, HIT, MISS, BYPASS) for {@code cache}; other values are ignored. */
    public void cacheLookup(String cache, String xCache) {
        Map<String, Counter> byValue = cacheLookups.get(cache);
        if (byValue == null) return;
        Counter c = byValue.get(xCache); // as the resources send it: nothing to build per answer
        if (c == null) c = byValue.get(xCache.toUpperCase(Locale.ROOT));
        if (c != null) c.increment();
    }

    /**
     * The pool turns one request took ({@code platform.db.PoolTurns}), by the resource method that answered it
     * ({@code route="FulfilmentResource.redeem"}): a mean above 1 on a hot route is a request waiting in the pool's
     * queue more than once.
     */
    public void poolTurns(Class<?> resource, String method, int turns) {
        poolTurns
                .computeIfAbsent(resource, r -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(
                        method,
                        m -> DistributionSummary.builder("oncopay.db.pool.turns")
                                .tag("route", resource.getSimpleName() + "." + m)
                                .description(
                                        "Connections a request took from the database pool, one turn in its queue each"
                                                + " (requests that took none are not counted), by the resource method that answered")
                                .register(registry))
                .record(turns);
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void idempotentReplay() {
        replays.increment();
    }

    public void reviewQueue(long depth, long overdue) {
        reviewQueue.set(depth);
        reviewOverdue.set(overdue);
    }

    public void outbox(long unsent, long oldestAgeSeconds) {
        outboxUnsent.set(unsent);
        outboxOldestAge.set(oldestAgeSeconds);
    }
}
