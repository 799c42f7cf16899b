package com.oncopay.coverage;

import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The unit of work of the reference-data use cases (Hibernate Reactive with Panache, on the
 * caller's Vert.x context): one session, one transaction, and the audit row in that transaction.
 * The repositories called inside use its session.
 */
@ApplicationScoped
public class ReferenceUnitOfWork {
    private final Transactions transactions;
    private final AuditLog audit;

    public ReferenceUnitOfWork(Transactions transactions, AuditLog audit) {
        this.transactions = transactions;
        this.audit = audit;
    }

    /** One PostgreSQL transaction: committed when {@code work} succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return transactions.inEntityTransaction(work);
    }

    /** Reads in one session, without a transaction of their own. */
    public <T> Uni<T> reading(Supplier<Uni<T>> work) {
        return transactions.inEntitySession(work);
    }

    /** The audit row of the change, written after the change's rows (flushed first) in the same transaction. */
    public Uni<Void> audit(AuditEntry entry) {
        return audit.recordInEntityTransaction(entry);
    }
}
