package com.oncopay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.time.WallClock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The transactional outbox: an event for a pharmacy is written in the same transaction as
 * the change it announces, so it can never be lost or sent for a change that rolled back.
 * Payloads carry what the counter needs and never an identity number or a diagnosis.
 * Each row gets the next position ({@code seq}) of its pharmacy's stream, which is the
 * {@code id} a pharmacy sees on its dispatch stream.
 */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper mapper;
    private final OutboxRepository repository;
    private final WallClock wallClock;
    private final DispatchHub hub;

    private final Runnable committed;
    private final String channel;
    private final String replica;
    private final boolean notifyInTransaction;

    public Outbox(
            ObjectMapper mapper,
            OutboxRepository repository,
            WallClock wallClock,
            OutboxRelay relay,
            OutboxNotifier notifier,
            DispatchConfig config,
            DispatchHub hub) {
        this.mapper = mapper;
        this.hub = hub;
        this.repository = repository;
        this.wallClock = wallClock;
        this.channel = config.notifyChannel();
        this.replica = relay.replica();
        this.notifyInTransaction = config.notifyMode() == DispatchConfig.NotifyMode.IN_TRANSACTION;
        this.committed = config.notifyMode() == DispatchConfig.NotifyMode.AFTER_COMMIT
                ? () -> {
                    relay.nudge();
                    notifier.committed();
                }
                : relay::nudge;
    }

    /**
     * Writes the row in {@code tx}; once it committed, this replica's relay is nudged and the other
     * replicas' are notified ({@code oncopay.dispatch.notify-mode}: by {@code pg_notify} in {@code tx},
     * once per transaction however many rows, or after the commit), and this replica's open streams of the
     * pharmacy get it at once, without reading it back when it is their next position (#22: they need not wait
     * for the relay and Kafka; streams on other replicas are woken by the event on the topic).
     */
    public Uni<Void> write(
            Tx tx, String pharmacyCode, String eventType, String aggregateId, Map<String, Object> payload) {
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload not serialisable", e);
        }
        // to the microsecond, as PostgreSQL keeps it: the event sent from here and the one read back are the same
        OffsetDateTime at = wallClock.now().truncatedTo(ChronoUnit.MICROS);
        return repository
                .insert(
                        tx,
                        pharmacyCode,
                        eventType,
                        aggregateId,
                        json,
                        at,
                        notifyInTransaction ? channel : null,
                        replica)
                .invoke(seq -> {
                    tx.afterCommit(committed);
                    tx.afterCommit(() -> hub.committed(pharmacyCode, seq, eventType, json, at));
                })
                .replaceWithVoid();
    }
}
