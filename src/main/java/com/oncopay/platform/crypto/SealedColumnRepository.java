package com.oncopay.platform.crypto;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The encrypted columns of every feature, read and rewritten for a key rotation. */
@ApplicationScoped
public class SealedColumnRepository {
    /** An encrypted column: its table, the primary key it is bound to, and its context. */
    public record Column(String table, String key, String column, String context) {}

    /** One stored value: the row key it is bound to and its ciphertext. */
    public record Sealed(String rowKey, byte[] value) {}

    static final List<Column> COLUMNS = List.of(
            new Column("member", "member_id", "id_number_enc", "member.id_number"),
            new Column("diagnosis", "id", "icd10_enc", "diagnosis.icd10"),
            new Column("prescription", "id", "diagnosis_enc", "prescription.diagnosis"),
            new Column("prescription", "id", "clinical_enc", "prescription.clinical"),
            new Column("fulfilment", "id", "address_enc", "fulfilment.address"));

    /**
     * Locks (SKIP LOCKED) up to {@code limit} values of {@code c} not yet in format version 2 under
     * {@code activeKeyId}: byte 0 of a value is its version, byte 1 its key id.
     */
    public Uni<List<Sealed>> notUnder(Tx tx, Column c, int activeKeyId, int limit) {
        String select = "select " + c.key() + "::text as k, " + c.column() + " as v from " + c.table()
                + " where " + c.column() + " is not null and (get_byte(" + c.column() + ", 0) <> 2 or get_byte("
                + c.column() + ", 1) <> $1) limit " + limit + " for update skip locked";
        return tx.client().preparedQuery(select).execute(Tuple.of(activeKeyId)).map(rows -> {
            List<Sealed> out = new ArrayList<>();
            for (Row r : rows)
                out.add(new Sealed(r.getString("k"), r.getBuffer("v").getBytes()));
            return out;
        });
    }

    public Uni<Void> rewrite(Tx tx, Column c, List<Sealed> values) {
        if (values.isEmpty()) return Uni.createFrom().voidItem();
        String update = "update " + c.table() + " set " + c.column() + " = $2 where " + c.key() + "::text = $1";
        return tx.client()
                .preparedQuery(update)
                .executeBatch(values.stream()
                        .map(v -> Tuple.of(v.rowKey(), Buffer.buffer(v.value())))
                        .toList())
                .replaceWithVoid();
    }
}
