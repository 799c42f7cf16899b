package com.oncopay.platform.audit;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.security.WarmUpCallers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Audits reads of personal data by staff and refused object-level probes, without a database
 * write on the request's path: entries are queued and written in batches every second, or as soon as
 * {@link #FLUSH_AT} are waiting. The same read repeated while its entry waits (the same caller, action, object and
 * detail) is counted in that entry instead of queued again: its row says how many in {@code detail.reads} (absent: one).
 * Without that, one reviewer's cached checks of 1,000 members at 16,900 a second queued more rows than PostgreSQL took,
 * and the full queue dropped 53,355 audits in 40 s (2026-12-06).
 * A crash can lose the last second of read audits (changes are audited in their own transaction, never here); when the
 * database cannot take them the queue is bounded and what it drops is counted in
 * {@code oncopay_audit_reads_dropped_total}.
 *
 * <p>Why not only every second: at thousands of distinct staff reads a second the young generation is collected
 * every 150 ms or less, so an entry kept for up to a second could outlive several collections and be promoted, to die
 * in the old generation (bench/results/2026-12-04-vm-2c-reset-notes.md, before repeats were counted). So a write starts
 * at once when {@link #FLUSH_AT} distinct entries wait: what waits is bounded (under 1 MB) and, under such a load,
 * short-lived. Below it, every repeat of a waiting read is only a count. The threshold was 256: a reviewer re-checking
 * 1,000 members then wrote 11,000 rows a second (2.4 reads each), and PostgreSQL spent 17% of a core and wrote 114 MB
 * of WAL in 20 s on them (bench/results/2026-12-07-vm-2c-audit-window-notes.md); at 2,000 the same reads are 1,000
 * rows a second. While writing fails, only the scheduled flush tries again, so a database that is away gets one
 * attempt a second, not one per request.
 *
 * <p>The start-up warm-up's made-up reviewer ({@link WarmUpCallers}) reads as staff do, so that its reads take this
 * path, queue and count included; its entries are left out when a batch is written, and only then: its reads and a
 * real one's take the same branches on the request's path.
 */
@Singleton
public class ReadAudit {
    static final int MAX_QUEUED = 20_000;
    /** Distinct entries waiting that start a flush at once, without waiting for the scheduled one. */
    static final int FLUSH_AT = 2_000;
    /**
     * The most rows one statement writes: a threshold's worth and what arrives while it is written (twice as much
     * again), so that a burst is written in one statement rather than a full one and a remainder.
     */
    public static final int BATCH = 3 * FLUSH_AT;

    private static final Logger LOG = Logger.getLogger(ReadAudit.class);

    private final Transactions transactions;
    private final AuditRepository repository;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    /** The entries in {@link #queue}, by what they record: a repeat adds to its count. */
    private final java.util.concurrent.ConcurrentHashMap<AuditEntry, Waiting> waiting =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger queued = new AtomicInteger();
    /** One flush at a time, scheduled or started by {@link #FLUSH_AT}. */
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** The last write failed: only the scheduled flush tries again. */
    private volatile boolean failing;

    private final Counter dropped;
    private final WarmUpCallers madeUp;
    private final java.util.concurrent.atomic.LongAdder madeUpLeftOut = new java.util.concurrent.atomic.LongAdder();

    public ReadAudit(
            Transactions transactions, AuditRepository repository, MeterRegistry meters, WarmUpCallers madeUp) {
        this.transactions = transactions;
        this.repository = repository;
        this.madeUp = madeUp;
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

    /** Queues one entry, or counts it in the same one already waiting; never blocks and never fails the request. */
    public void record(AuditEntry entry) {
        record(entry, 1);
    }

    private void record(AuditEntry entry, int reads) {
        while (true) {
            Waiting w = waiting.get(entry);
            if (w == null) {
                if (queued.incrementAndGet() > MAX_QUEUED) {
                    queued.decrementAndGet();
                    dropped.increment(reads);
                    return;
                }
                Waiting fresh = new Waiting(entry, reads);
                w = waiting.putIfAbsent(entry, fresh);
                if (w == null) {
                    queue.add(fresh);
                    break;
                }
                queued.decrementAndGet(); // another thread queued the same entry first: add to it
            }
            if (w.add(reads)) break;
            waiting.remove(entry, w); // taken by a write since: queue a new one
        }
        if (queued.get() >= FLUSH_AT && !failing && !flushing.get())
            flushOnce().subscribe().with(done -> {}, ignored -> {}); // failures are handled inside
    }

    private final com.oncopay.platform.health.Degraded unwritten =
            new com.oncopay.platform.health.Degraded(ReadAudit.class);

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        return flushOnce();
    }

    /** Writes what is queued, unless a flush is already writing (what arrives after it waits for the next one). */
    private Uni<Void> flushOnce() {
        if (!flushing.compareAndSet(false, true)) return Uni.createFrom().voidItem();
        return write().eventually(() -> flushing.set(false));
    }

    /**
     * Writes the queue in batches until it is empty or a write fails; never fails. Each batch is taken from the queue
     * when the one before has been written, and nothing that follows refers to a batch once it is written. (Before,
     * each next batch was chained inside the previous one's continuation, so under a steady stream every batch of the
     * flush stayed reachable until the queue ran dry: 48,000-101,000 read audits live at once in histograms of cached
     * checks at full speed, promoted to the old generation; bench/results/2026-12-04-vm-2c-flush-loop-notes.md.)
     */
    private Uni<Void> write() {
        return Multi.createBy()
                .repeating()
                .uni(this::writeBatch)
                .whilst(full -> full)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** One batch from the queue: true when a full one was written (more may wait). Never fails. */
    private Uni<Boolean> writeBatch() {
        List<Waiting> batch = new ArrayList<>();
        List<AuditEntry> rows = new ArrayList<>();
        Waiting w;
        int polled = 0;
        while (polled < BATCH && (w = queue.poll()) != null) {
            polled++;
            w.take();
            waiting.remove(w.entry, w);
            if (madeUp.madeUpId(w.entry.actor())) {
                madeUpLeftOut.add(w.reads);
                continue;
            }
            batch.add(w);
            rows.add(w.row());
        }
        queued.addAndGet(-polled);
        boolean full = polled == BATCH;
        if (batch.isEmpty()) return Uni.createFrom().item(full);
        return repository
                .insertAll(transactions.autoCommit(), rows)
                .map(written -> {
                    failing = false;
                    return full;
                })
                .onFailure()
                .recoverWithItem(x -> {
                    failing = true;
                    // PostgreSQL away: tried every second, said once a minute
                    unwritten.warn(
                            "read audits not written yet (%d), kept for the next try: %s (this line at most once a minute)",
                            batch.size(), x.toString());
                    batch.forEach(taken -> record(taken.entry, taken.reads));
                    return false;
                });
    }

    /** The start-up warm-up's reads left out of the audit log since start (made-up callers read no one's data). */
    public long madeUpReadsLeftOut() {
        return madeUpLeftOut.sum();
    }

    @PreDestroy
    void drain() {
        try {
            // shutdown: waiting is intended; a flush still running only takes entries from the same queue. A failed
            // write puts its batch back, so with PostgreSQL away this stops instead of trying again until killed.
            while (!queue.isEmpty()) {
                write().await().atMost(Duration.ofSeconds(5));
                if (failing) break;
            }
        } catch (RuntimeException e) {
            // said below
        }
        // the reads, not the entries: an entry may count many
        if (!queue.isEmpty())
            LOG.warnf(
                    "read audits lost at shutdown: %d",
                    queue.stream().mapToInt(w -> w.count.get()).sum());
    }

    /**
     * An entry in the queue and how many times it was read while it waited. Once a write takes it, it counts no more:
     * {@link #add} says so, and the read queues a new entry.
     */
    static final class Waiting {
        private static final int TAKEN = -1;
        final AuditEntry entry;
        private final java.util.concurrent.atomic.AtomicInteger count;
        /** What was counted when a write took it. */
        private int reads;

        Waiting(AuditEntry entry, int reads) {
            this.entry = entry;
            this.count = new java.util.concurrent.atomic.AtomicInteger(reads);
        }

        /** Counts {@code n} more reads; false once a write has taken the entry. */
        boolean add(int n) {
            for (int c = count.get(); c != TAKEN; c = count.get()) if (count.compareAndSet(c, c + n)) return true;
            return false;
        }

        void take() {
            reads = count.getAndSet(TAKEN);
        }

        /** The row to write: the entry, with the number of reads when more than one. */
        AuditEntry row() {
            if (reads == 1) return entry;
            var detail = new java.util.LinkedHashMap<String, Object>(entry.detail());
            detail.put("reads", reads);
            return new AuditEntry(
                    entry.actor(), entry.actorRole(), entry.action(), entry.objectType(), entry.objectId(), detail);
        }
    }
}
