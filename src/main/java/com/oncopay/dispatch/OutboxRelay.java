package com.oncopay.dispatch;

import com.oncopay.platform.health.KafkaReadinessCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
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
 * position by it, so nothing is shown twice.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final long LOCK_KEY = 7412002;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final DispatchConfig config;
    private final Counter published;
    private final AtomicLong lagSeconds = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopped;
    private Vertx vertx;
    private long timer;
    private final KafkaReadinessCheck kafka;

    public OutboxRelay(
            Pool pool,
            @Channel("dispatch-out") MutinyEmitter<String> emitter,
            DispatchConfig config,
            MeterRegistry registry,
            @org.eclipse.microprofile.health.Readiness KafkaReadinessCheck kafka) {
        this.pool = pool;
        this.kafka = kafka;
        this.emitter = emitter;
        this.config = config;
        this.published = Counter.builder("oncopay.dispatch.events.published")
                .description("Outbox rows acknowledged by Kafka")
                .register(registry);
        registry.gauge("oncopay.dispatch.outbox.lag.seconds", lagSeconds);
    }

    /** Rounds every {@code oncopay.dispatch.relay-interval} (the scheduler cannot go below a second); one at a time. */
    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(2000, config.relayInterval().toMillis(), id -> tick());
    }

    /** No round may start once the application is shutting down. */
    void stop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        stopped = true;
        if (vertx != null) vertx.cancelTimer(timer);
    }

    void tick() {
        if (stopped || !running.compareAndSet(false, true)) return;
        relayOnce()
                .onFailure()
                .invoke(e -> LOG.debugf("outbox relay round failed, rows wait for the next one: %s", e.getMessage()))
                .onTermination()
                .invoke(() -> running.set(false))
                .subscribe()
                .with(sent -> {}, failure -> {});
    }

    /** One round: publishes up to a batch of unsent rows; answers how many were sent. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")")
                .execute()
                .flatMap(lock -> {
                    if (!lock.iterator().next().getBoolean(0))
                        return Uni.createFrom().item(0);
                    return tx.preparedQuery(
                                    "select id, pharmacy_code, seq, event_type, aggregate_id, payload, created_at, "
                                            + "extract(epoch from (now() - created_at))::bigint as age from outbox where sent_at is null order by id limit $1")
                            .execute(Tuple.of(config.relayBatch()))
                            .flatMap(rows -> {
                                List<Long> ids = new ArrayList<>();
                                List<Uni<Long>> sends = new ArrayList<>();
                                long oldest = 0;
                                for (Row r : rows) {
                                    long id = r.getLong("id");
                                    ids.add(id);
                                    oldest = Math.max(oldest, r.getLong("age"));
                                    // every send settles (acked, or failed after delivery.timeout.ms): nothing is left
                                    // in flight when the round ends
                                    sends.add(emitter.sendMessage(
                                                    Message.of(envelope(r).encode())
                                                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                                                    .withKey(r.getString("pharmacy_code"))
                                                                    .build()))
                                            .replaceWith(id)
                                            .onFailure()
                                            .recoverWithItem(-1L));
                                }
                                lagSeconds.set(oldest);
                                if (ids.isEmpty()) return Uni.createFrom().item(0);
                                // a broker that is down gets no sends at all: nothing lingers in the producer to be
                                // sent twice later
                                return kafka.call()
                                        .flatMap(health -> health.getStatus() != HealthCheckResponse.Status.UP
                                                ? Uni.createFrom()
                                                        .failure(new IllegalStateException(
                                                                "Kafka is down; " + ids.size() + " events wait"))
                                                : Uni.join().all(sends).andFailFast())
                                        .flatMap(results -> {
                                            Long[] acked = results.stream()
                                                    .filter(id -> id > 0)
                                                    .toArray(Long[]::new);
                                            if (acked.length == 0)
                                                throw new IllegalStateException(
                                                        "the broker acknowledged none of " + ids.size() + " events");
                                            return tx.preparedQuery(
                                                            "update outbox set sent_at = now() where id = any($1)")
                                                    .execute(Tuple.of((Object) acked))
                                                    .invoke(x -> published.increment(acked.length))
                                                    .replaceWith(acked.length);
                                        });
                            });
                }));
    }

    /** What goes on the topic: the stream position and the event, never an identity number or a diagnosis. */
    static JsonObject envelope(Row r) {
        return new JsonObject()
                .put("eventId", r.getLong("id"))
                .put("pharmacyCode", r.getString("pharmacy_code"))
                .put("seq", r.getLong("seq"))
                .put("event", r.getString("event_type"))
                .put("aggregateId", r.getString("aggregate_id"))
                .put("createdAt", r.getOffsetDateTime("created_at").toString())
                .put("data", r.getValue("payload"));
    }

    /** Housekeeping: sent rows past the retention are deleted (streams replay at most that far back). */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery(
                        "delete from outbox where sent_at is not null and sent_at < now() - $1 * interval '1 second'")
                .execute(Tuple.of(config.retention().toSeconds()))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }
}
