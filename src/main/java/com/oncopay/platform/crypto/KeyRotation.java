package com.oncopay.platform.crypto;

import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.SealedColumnRepository.Column;
import com.oncopay.platform.crypto.SealedColumnRepository.Sealed;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final Transactions transactions;
    private final SealedColumnRepository columns;
    private final FieldCipher cipher;
    private final AuditLog audit;

    public KeyRotation(Transactions transactions, SealedColumnRepository columns, FieldCipher cipher, AuditLog audit) {
        this.transactions = transactions;
        this.columns = columns;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** Re-encrypts every value not sealed with the active key; returns how many per column. */
    public Uni<Map<String, Integer>> reencryptAll(Caller caller) {
        Map<String, Integer> done = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Column c : SealedColumnRepository.COLUMNS) {
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
        return transactions
                .inTransaction(tx -> columns.notUnder(tx, c, cipher.activeKeyId(), BATCH)
                        .flatMap(found -> {
                            List<Sealed> resealed = found.stream()
                                    .map(v -> new Sealed(
                                            v.rowKey(),
                                            cipher.encrypt(
                                                    cipher.decrypt(v.value(), c.context(), v.rowKey()),
                                                    c.context(),
                                                    v.rowKey())))
                                    .toList();
                            return columns.rewrite(tx, c, resealed).replaceWith(resealed.size());
                        }))
                .flatMap(n -> n < BATCH ? Uni.createFrom().item(sofar + n) : column(c, sofar + n));
    }
}
