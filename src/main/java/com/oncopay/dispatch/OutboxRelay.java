package com.oncopay.dispatch;

import com.oncopay.platform.db.PgNotifications;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.health.KafkaWellnessCheck;
import com.oncopay.platform.time.WallClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to the Kafka topic {@code dispatch-events}, keyed by pharmacy code
 * (one partition per pharmacy keeps its order), with acks=all and the idempotent producer.
 * A row is marked sent only after the broker acknowledged it. One relay works at a time
 * across all replicas (a transaction-scoped advisory lock), in outbox order. Broker down →
 * the round fails, nothing is marked, the rows go out on a later round; a row published
 * twice (crash between ack and commit) carries the same stream position, and readers
 * position by it, so nothing is shown twice. Rounds start when a commit wrote rows (see {@link #start}),
 * counted by cause in {@code oncopay_dispatch_relay_rounds_total}.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final long LOCK_KEY = 7412002;

    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final WallClock wallClock;
    private final MutinyEmitter<String> emitter;
    private final DispatchConfig config;
    private final Counter published;
    private final AtomicLong lagSeconds = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String replica = UUID.randomUUID().toString();
    private final Counter byTimer, byCommit, byNotify, byFollowUp;
    private static final long FAILURE_PAUSE_NS = 1_000_000_000L;
    private volatile boolean pending;
    private volatile long failedAt = System.nanoTime() - FAILURE_PAUSE_NS;
    private volatile boolean stopped;
    private Vertx vertx;
    private volatile Context context;
    private PgNotifications notifications;
    private long timer;
    private final KafkaWellnessCheck kafka;

    public OutboxRelay(
            Transactions transactions,
            OutboxRepository outbox,
            WallClock wallClock,
            @Channel("dispatch-out") MutinyEmitter<String> emitter,
            DispatchConfig config,
            MeterRegistry registry,
            @io.smallrye.health.api.Wellness KafkaWellnessCheck kafka) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.wallClock = wallClock;
        this.kafka = kafka;
        this.emitter = emitter;
        this.config = config;
        this.published = Counter.builder("oncopay.dispatch.events.published")
                .description("Outbox rows acknowledged by Kafka")
                .register(registry);
        this.byTimer = rounds(registry, "timer");
        this.byCommit = rounds(registry, "commit");
        this.byNotify = rounds(registry, "notify");
        this.byFollowUp = rounds(registry, "follow-up");
        io.micrometer.core.instrument.Gauge.builder("oncopay.dispatch.outbox.lag.seconds", lagSeconds, AtomicLong::get)
                .description(
                        "Age of the oldest row of the relay's last round (leader only; see oncopay_outbox_oldest_unsent_age_seconds)")
                .register(registry);
    }

    /**
     * A round starts as soon as a transaction that wrote outbox rows has committed: on this replica
     * through {@link #nudge} (after the commit), on the others through PostgreSQL {@code NOTIFY} (sent in
     * that transaction, delivered at its commit). Every {@code oncopay.dispatch.relay-interval} a round
     * runs anyway: a lost notification only delays a row, it is never stranded.
     */
    void start(@Observes StartupEvent event, Vertx vertx, PgNotifications notifications) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        timer = vertx.setPeriodic(2000, config.relayInterval().toMillis(), id -> wake(byTimer));
        notifications.listen(
                io.vertx.mutiny.core.Vertx.newInstance(vertx),
                config.notifyChannel(),
                from -> {
                    if (!replica.equals(from)) wake(byNotify); // this replica's own commits nudged it already
                },
                () -> wake(byNotify)); // (re)listening: whatever was notified meanwhile is looked for now
        this.notifications = notifications;
    }

    /** No round may start once the application is shutting down. */
    void stop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        stopped = true;
        if (vertx != null) vertx.cancelTimer(timer);
        if (notifications != null) notifications.close();
    }

    /** What a committed outbox write calls (quick, any thread): a round now, or right after the running one. */
    public void nudge() {
        wake(byCommit);
    }

    /** The payload of this replica's notifications, so that it does not wake itself twice. */
    public String replica() {
        return replica;
    }

    /**
     * Coalesced: however many wake-ups arrive, one round runs at a time on this replica and at most
     * one more follows it. After a failed round (broker down) only the timer starts the next one.
     */
    private void wake(Counter cause) {
        if (stopped || context == null) return; // before start-up: its first rounds look anyway
        pending = true;
        if (cause != byTimer && System.nanoTime() - failedAt < FAILURE_PAUSE_NS) return;
        if (running.compareAndSet(false, true)) {
            cause.increment();
            context.runOnContext(v -> round());
        }
    }

    private void round() {
        pending = false;
        relayOnce().subscribe().with(sent -> roundEnded(sent >= config.relayBatch()), e -> {
            LOG.debugf("outbox relay round failed, rows wait for the next one: %s", e.getMessage());
            failedAt = System.nanoTime();
            running.set(false);
        });
    }

    /** A full batch or a wake-up during the round: one more round, still holding {@code running}. */
    private void roundEnded(boolean more) {
        if (!stopped && (more || pending)) {
            byFollowUp.increment();
            round();
            return;
        }
        running.set(false);
        // a wake-up that came between the check above and the release found the round still running
        if (pending && !stopped && running.compareAndSet(false, true)) {
            byFollowUp.increment();
            round();
        }
    }

    private static Counter rounds(MeterRegistry registry, String cause) {
        return Counter.builder("oncopay.dispatch.relay.rounds")
                .description("Relay rounds started, by what started them (timer, commit, notify, follow-up)")
                .tag("cause", cause)
                .register(registry);
    }

    /** One round: publishes up to a batch of unsent rows; answers how many were sent. */
    public Uni<Integer> relayOnce() {
        return transactions.inTransaction(tx -> outbox.tryRelayLock(tx, LOCK_KEY)
                .flatMap(locked -> {
                    if (!locked) return Uni.createFrom().item(0);
                    return outbox.unsent(tx, config.relayBatch()).flatMap(rows -> publish(tx, rows));
                }));
    }

    private Uni<Integer> publish(Tx tx, List<OutboxRepository.Unsent> rows) {
        if (rows.isEmpty()) {
            lagSeconds.set(0);
            return Uni.createFrom().item(0);
        }
        OffsetDateTime now = wallClock.now();
        lagSeconds.set(
                Math.max(0, Duration.between(rows.get(0).createdAt(), now).toSeconds()));
        // every send settles (acked, or failed after delivery.timeout.ms): nothing is left in flight when the
        // round ends
        List<Uni<Long>> sends = rows.stream()
                .map(r -> emitter.sendMessage(message(r, null))
                        .replaceWith(r.id())
                        .onFailure()
                        .recoverWithItem(-1L))
                .toList();
        // a broker that is down gets no sends at all: nothing lingers in the producer to be sent twice later
        return kafka.call()
                .flatMap(health -> health.getStatus() != HealthCheckResponse.Status.UP
                        ? Uni.createFrom()
                                .failure(new IllegalStateException("Kafka is down; " + rows.size() + " events wait"))
                        : Uni.join().all(sends).andFailFast())
                .flatMap(results -> {
                    Long[] acked = results.stream().filter(id -> id > 0).toArray(Long[]::new);
                    if (acked.length == 0)
                        throw new IllegalStateException("the broker acknowledged none of " + rows.size() + " events");
                    OffsetDateTime oldest = rows.stream()
                            .map(OutboxRepository.Unsent::createdAt)
                            .min(OffsetDateTime::compareTo)
                            .orElseThrow();
                    return outbox.markSent(tx, acked, wallClock.now(), oldest)
                            .invoke(x -> published.increment(acked.length))
                            .replaceWith(acked.length);
                });
    }

    /**
     * The record of row {@code r}: its envelope, keyed by its pharmacy, to {@code topic} ({@code null}: the channel's
     * own, {@code dispatch-events}). The relay's start-up warm-up ({@link RelayWarmUp}) sends its made-up rows through
     * this too, to a topic of their own.
     */
    static Message<String> message(OutboxRepository.Unsent r, String topic) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(r.pharmacyCode());
        if (topic != null) metadata.withTopic(topic);
        return Message.of(envelope(r).encode()).addMetadata(metadata.build());
    }

    /** What goes on the topic: the stream position and the event, never an identity number or a diagnosis. */
    static JsonObject envelope(OutboxRepository.Unsent r) {
        return new JsonObject()
                .put("eventId", r.id())
                .put("pharmacyCode", r.pharmacyCode())
                .put("seq", r.seq())
                .put("event", r.eventType())
                .put("aggregateId", r.aggregateId())
                .put("createdAt", r.createdAt().toString())
                .put("data", r.payload());
    }
}
