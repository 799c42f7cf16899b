package com.oncopay.platform.crypto;

import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-encrypts stored values with the active field key, in batches of {@link #BATCH} rows, each batch
 * its own short transaction (rows locked with SKIP LOCKED, so requests writing other rows never
 * wait): the engine keeps serving while it runs, and a run can be interrupted and started again.
 * Afterwards no value needs an older key, which can then be dropped from the configuration.
 */
@ApplicationScoped
public class KeyRotation {
    static final int BATCH = 500;

    /** An encrypted column: its table, the primary key it is bound to, and its context. */
    record Column(String table, String key, String column, String context) {}

    static final List<Column> COLUMNS = List.of(
            new Column("member", "member_id", "id_number_enc", "member.id_number"),
            new Column("diagnosis", "id", "icd10_enc", "diagnosis.icd10"),
            new Column("prescription", "id", "diagnosis_enc", "prescription.diagnosis"),
            new Column("prescription", "id", "clinical_enc", "prescription.clinical"),
            new Column("fulfilment", "id", "address_enc", "fulfilment.address"));

    private final Pool pool;
    private final FieldCipher cipher;
    private final AuditLog audit;

    public KeyRotation(Pool pool, FieldCipher cipher, AuditLog audit) {
        this.pool = pool;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** Re-encrypts every value not sealed with the active key; returns how many per column. */
    public Uni<Map<String, Integer>> reencryptAll(Caller caller) {
        Map<String, Integer> done = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Column c : COLUMNS) {
            chain = chain.flatMap(x -> column(c, 0)
                    .invoke(n -> done.put(c.table() + "." + c.column(), n))
                    .replaceWithVoid());
        }
        return chain.flatMap(x -> audit.record(AuditEntry.of(
                        caller,
                        "FIELDS_REENCRYPTED",
                        "crypto",
                        "field-key-" + cipher.activeKeyId(),
                        Map.of("rows", done))))
                .replaceWith(done);
    }

    private Uni<Integer> column(Column c, int sofar) {
        // values not yet in version 2 under the active key id; byte 0 is the version, byte 1 the key id
        String select = "select " + c.key() + "::text as k, " + c.column() + " as v from " + c.table() + " where "
                + c.column() + " is not null " + "and (get_byte(" + c.column() + ", 0) <> 2 or get_byte(" + c.column()
                + ", 1) <> $1) limit " + BATCH + " for update skip locked";
        String update = "update " + c.table() + " set " + c.column() + " = $2 where " + c.key() + "::text = $1";
        return pool.withTransaction(tx -> tx.preparedQuery(select)
                        .execute(Tuple.of(cipher.activeKeyId()))
                        .flatMap(rows -> {
                            List<Tuple> updates = new ArrayList<>();
                            for (Row r : rows) {
                                String key = r.getString("k");
                                byte[] sealed = r.getBuffer("v").getBytes();
                                String plain = cipher.decrypt(sealed, c.context(), key);
                                updates.add(Tuple.of(key, Buffer.buffer(cipher.encrypt(plain, c.context(), key))));
                            }
                            if (updates.isEmpty()) return Uni.createFrom().item(0);
                            return tx.preparedQuery(update)
                                    .executeBatch(updates)
                                    .replaceWith(updates.size());
                        }))
                .flatMap(n -> n < BATCH ? Uni.createFrom().item(sofar + n) : column(c, sofar + n));
    }
}
