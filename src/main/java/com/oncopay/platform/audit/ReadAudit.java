package com.oncopay.platform.audit;

import com.oncopay.platform.db.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Audits reads of personal data by staff and refused object-level probes, without a database
 * write on the request's path: entries are queued and written in batches every second. A crash
 * can lose the last second of read audits (changes are audited in their own transaction, never
 * here); when the database cannot take them the queue is bounded and what it drops is counted in
 * {@code oncopay_audit_reads_dropped_total}.
 */
@ApplicationScoped
public class ReadAudit {
    static final int MAX_QUEUED = 20_000;
    static final int BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(ReadAudit.class);

    private final Transactions transactions;
    private final AuditRepository repository;
    private final ConcurrentLinkedQueue<AuditEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter dropped;

    public ReadAudit(Transactions transactions, AuditRepository repository, MeterRegistry meters) {
        this.transactions = transactions;
        this.repository = repository;
        this.dropped = Counter.builder("oncopay.audit.reads.dropped")
                .description("Read audits dropped because the queue was full")
                .register(meters);
    }

    /** A read of a member's personal data by anyone but that member (staff, or a pharmacy): queued for the audit log. */
    public void staffRead(
            com.oncopay.platform.security.Caller caller,
            String ownerMemberId,
            String action,
            String objectType,
            String objectId) {
        if (caller.ownMemberId().filter(ownerMemberId::equals).isPresent()) return;
        record(AuditEntry.of(
                caller, action, objectType, objectId, java.util.Map.of("memberId", String.valueOf(ownerMemberId))));
    }

    /** Queues one entry; never blocks and never fails the request. */
    public void record(AuditEntry entry) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(entry);
    }

    private final com.oncopay.platform.health.Degraded unwritten =
            new com.oncopay.platform.health.Degraded(ReadAudit.class);

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        List<AuditEntry> batch = new ArrayList<>();
        AuditEntry e;
        while (batch.size() < BATCH && (e = queue.poll()) != null) batch.add(e);
        if (batch.isEmpty()) return Uni.createFrom().voidItem();
        queued.addAndGet(-batch.size());
        return repository
                .insertAll(transactions.autoCommit(), batch)
                // a full batch: more are waiting, write them now rather than a second later
                .call(() -> batch.size() == BATCH ? flush() : Uni.createFrom().voidItem())
                .onFailure()
                .invoke(x -> {
                    // PostgreSQL away: tried every second, said once a minute
                    unwritten.warn(
                            "read audits not written yet (%d), kept for the next try: %s (this line at most once a minute)",
                            batch.size(), x.toString());
                    batch.forEach(this::record);
                })
                .onFailure()
                .recoverWithNull();
    }

    @PreDestroy
    void drain() {
        try {
            while (!queue.isEmpty()) flush().await().atMost(Duration.ofSeconds(5)); // shutdown: waiting is intended
        } catch (RuntimeException e) {
            LOG.warnf("read audits lost at shutdown: %d", queue.size());
        }
    }
}
