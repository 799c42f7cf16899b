package com.oncopay.platform.audit;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the append-only audit log. Pass the unit of work's {@link Tx} (or, for the entity
 * repositories, use {@link #recordInEntityTransaction}) to make the audit row part of the change it
 * records; without one it is written on its own.
 */
@ApplicationScoped
public class AuditLog {
    private final Transactions transactions;
    private final AuditRepository repository;

    public AuditLog(Transactions transactions, AuditRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    public Uni<Void> record(AuditEntry entry) {
        return repository.insert(transactions.autoCommit(), entry);
    }

    public Uni<Void> record(Tx tx, AuditEntry entry) {
        return repository.insert(tx, entry);
    }

    /**
     * Inside {@code Transactions.inEntityTransaction}: the row is written after the session's pending
     * changes, in the same transaction.
     */
    public Uni<Void> recordInEntityTransaction(AuditEntry entry) {
        return repository.insertInEntitySession(entry);
    }
}
