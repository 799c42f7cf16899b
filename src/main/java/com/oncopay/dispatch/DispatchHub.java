package com.oncopay.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Wakes this replica's open dispatch streams: every event read from Kafka (this replica has
 * its own consumer group, so it sees all of them) and every commit of an outbox row on this replica
 * pokes the streams of its pharmacy, which then read what is new from PostgreSQL by stream position.
 * A poke carries the position, and for a commit on this replica the event itself, which a stream emits
 * without a read only when it is exactly its next position: a duplicate or a lost poke can neither repeat
 * nor drop an event.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class DispatchHub {
    /** A wake-up for a pharmacy's streams: position {@code seq} exists; {@code event}, when known here, is it. */
    public record Poke(long seq, DispatchStream.Event event) {}

    private final ConcurrentHashMap<String, BroadcastProcessor<Poke>> pokes = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.Set<Runnable> live = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    public DispatchHub(MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder(
                        "oncopay.dispatch.live.connections", connections, AtomicInteger::get)
                .description("Open SSE dispatch streams on this replica")
                .register(registry);
    }

    /**
     * Shutting down: every open stream gets a final comment and ends, so that its client reconnects with
     * {@code Last-Event-ID} to a replica that stays (nothing is lost: the stream resumes from PostgreSQL).
     * Fired when the shutdown delay starts ({@code quarkus.shutdown.delay-enabled}), before the HTTP server
     * waits for its open requests, which a stream left open would hold up to {@code quarkus.shutdown.timeout}.
     */
    void drain(@Observes io.quarkus.runtime.ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void drain(@Observes io.quarkus.runtime.ShutdownEvent event) {
        drain();
    }

    void drain() {
        draining = true;
        for (Runnable close : live) close.run();
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
        poke(pharmacy, new Poke(seq, null));
    }

    private void poke(String pharmacy, Poke poke) {
        BroadcastProcessor<Poke> p = pokes.get(pharmacy);
        if (p != null) {
            synchronized (p) {
                p.onNext(poke);
            }
        }
    }

    /**
     * An event of the pharmacy's was committed on this replica: its open streams here get it at once. The event is
     * made only when the pharmacy has had a stream here, so a commit no one watches costs no copy of its payload.
     */
    public void committed(String pharmacy, long seq, String eventType, JsonObject payload, OffsetDateTime at) {
        if (pokes.containsKey(pharmacy))
            poke(pharmacy, new Poke(seq, DispatchStream.Event.of(seq, eventType, payload, at)));
    }

    public Multi<Poke> pokes(String pharmacy) {
        return pokes.computeIfAbsent(pharmacy, k -> BroadcastProcessor.create());
    }

    /** A stream opened, with its way to end; false when the replica is draining (the stream ends at once). */
    boolean opened(Runnable close) {
        connections.incrementAndGet();
        live.add(close);
        return !draining;
    }

    void closed(Runnable close) {
        if (live.remove(close)) connections.decrementAndGet();
    }
}
