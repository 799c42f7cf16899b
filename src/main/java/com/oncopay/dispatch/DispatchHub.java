package com.oncopay.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Wakes this replica's open dispatch streams: every event read from Kafka (this replica has
 * its own consumer group, so it sees all of them) pokes the streams of its pharmacy, which
 * then read what is new from PostgreSQL by stream position. A poke carries nothing but the
 * position, so a duplicate or a lost poke can neither repeat nor drop an event.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class DispatchHub {
    private final ConcurrentHashMap<String, BroadcastProcessor<Long>> pokes = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    public DispatchHub(MeterRegistry registry) {
        registry.gauge("oncopay.dispatch.live.connections", connections);
    }

    @Incoming("dispatch-in")
    public Uni<Void> onEvent(String value) {
        try {
            JsonObject e = new JsonObject(value);
            poke(e.getString("pharmacyCode"), e.getLong("seq"));
        } catch (RuntimeException ignored) {
            // not an event of ours: nothing to wake
        }
        return Uni.createFrom().voidItem();
    }

    public void poke(String pharmacy, long seq) {
        BroadcastProcessor<Long> p = pokes.get(pharmacy);
        if (p != null) {
            synchronized (p) {
                p.onNext(seq);
            }
        }
    }

    public Multi<Long> pokes(String pharmacy) {
        return pokes.computeIfAbsent(pharmacy, k -> BroadcastProcessor.create());
    }

    void opened() {
        connections.incrementAndGet();
    }

    void closed() {
        connections.decrementAndGet();
    }
}
