package com.oncopay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.time.WallClock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final Runnable nudge;
    private final String channel;
    private final String replica;

    public Outbox(
            ObjectMapper mapper,
            OutboxRepository repository,
            WallClock wallClock,
            OutboxRelay relay,
            DispatchConfig config) {
        this.mapper = mapper;
        this.repository = repository;
        this.wallClock = wallClock;
        this.nudge = relay::nudge;
        this.channel = config.notifyChannel();
        this.replica = relay.replica();
    }

    /**
     * Writes the row in {@code tx}, which also notifies the relays of every replica at its commit
     * ({@code pg_notify}: once per transaction however many rows), and nudges this replica's relay
     * once it committed.
     */
    public Uni<Void> write(
            Tx tx, String pharmacyCode, String eventType, String aggregateId, Map<String, Object> payload) {
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload not serialisable", e);
        }
        return repository
                .insert(tx, pharmacyCode, eventType, aggregateId, json, wallClock.now(), channel, replica)
                .invoke(() -> tx.afterCommit(nudge));
    }
}
