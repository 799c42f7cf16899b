package com.oncopay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
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
    /** Takes the pharmacy's next stream position and inserts the row, in one statement. */
    static final String INSERT = "with pos as (insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1) "
            + "on conflict (pharmacy_code) do update set last_seq = pharmacy_stream.last_seq + 1 returning last_seq) "
            + "insert into outbox (pharmacy_code, event_type, aggregate_id, payload, seq) select $1, $2, $3, $4, last_seq from pos";

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> write(
            com.oncopay.platform.db.Tx tx,
            String pharmacyCode,
            String eventType,
            String aggregateId,
            Map<String, Object> payload) {
        return write(tx.client(), pharmacyCode, eventType, aggregateId, payload);
    }

    /** @deprecated while features move to {@code Tx}; removed when none is left. */
    @Deprecated(forRemoval = true)
    public Uni<Void> write(
            SqlClient tx, String pharmacyCode, String eventType, String aggregateId, Map<String, Object> payload) {
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload not serialisable", e);
        }
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(pharmacyCode, eventType, aggregateId, json))
                .replaceWithVoid();
    }
}
