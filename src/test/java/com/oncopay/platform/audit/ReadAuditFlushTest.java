package com.oncopay.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.security.VerifiedTokenCache;
import com.oncopay.platform.security.WarmUpCallers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * When {@link ReadAudit} writes: at once when {@link ReadAudit#FLUSH_AT} entries wait (so that entries are not kept
 * for up to a second), one write at a time, and after a failed write only on the scheduled flush. What a write puts
 * in PostgreSQL is {@code ReadAuditAndRolesTest}'s; here the repository only records the batches it is given.
 */
class ReadAuditFlushTest {

    /** The batches written, in order; the next write answers with {@code answer} (null: at once, successfully). */
    static class Recording extends AuditRepository {
        final List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Reads written, by object id: a row counts {@code detail.reads}, or one. */
        final Map<String, Integer> reads = new java.util.concurrent.ConcurrentHashMap<>();

        CompletableFuture<Void> answer;
        boolean fail;
        /** Every write waits for the test to complete its answer, in {@link #held}. */
        boolean hold;

        final List<CompletableFuture<Void>> held = new ArrayList<>();

        Recording() {
            super(null, null);
        }

        @Override
        public Uni<Void> insertAll(Tx tx, List<AuditEntry> entries) {
            batches.add(entries.size());
            if (!fail)
                for (AuditEntry e : entries)
                    reads.merge(e.objectId(), (Integer) e.detail().getOrDefault("reads", 1), Integer::sum);
            if (fail) return Uni.createFrom().failure(new IllegalStateException("database away"));
            if (hold) {
                CompletableFuture<Void> written = new CompletableFuture<>();
                held.add(written);
                return Uni.createFrom().completionStage(written);
            }
            return answer == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(answer);
        }
    }

    static final WarmUpCallers NONE_MADE_UP = new WarmUpCallers(new VerifiedTokenCache(null));
    final Recording repository = new Recording();
    final ReadAudit audit = new ReadAudit(new Transactions(null), repository, new SimpleMeterRegistry(), NONE_MADE_UP);

    static AuditEntry read(int i) {
        return new AuditEntry(
                "reviewer-1", "REVIEWER", "ELIGIBILITY_READ", "member", "M-" + i, Map.of("memberId", "M-" + i));
    }

    void record(int from, int to) {
        for (int i = from; i < to; i++) audit.record(read(i));
    }

    @Test
    void entries_are_written_once_enough_wait_not_a_second_later() {
        record(0, ReadAudit.FLUSH_AT - 1);
        assertEquals(List.of(), repository.batches, "below the threshold: left for the scheduled flush");
        audit.record(read(ReadAudit.FLUSH_AT));
        assertEquals(List.of(ReadAudit.FLUSH_AT), repository.batches, "the entry that reaches it starts the write");
        record(0, 10);
        audit.flush().await().indefinitely();
        assertEquals(List.of(ReadAudit.FLUSH_AT, 10), repository.batches, "the scheduled flush writes the rest");
    }

    @Test
    void one_write_at_a_time() {
        repository.answer = new CompletableFuture<>();
        record(0, ReadAudit.FLUSH_AT);
        assertEquals(List.of(ReadAudit.FLUSH_AT), repository.batches);
        record(0, 2 * ReadAudit.FLUSH_AT);
        audit.flush().await().indefinitely();
        assertEquals(
                List.of(ReadAudit.FLUSH_AT),
                repository.batches,
                "neither the threshold nor the schedule starts a second write");
        repository.answer.complete(null);
        repository.answer = null;
        audit.record(read(2 * ReadAudit.FLUSH_AT));
        assertEquals(
                List.of(ReadAudit.FLUSH_AT, 2 * ReadAudit.FLUSH_AT + 1),
                repository.batches,
                "the next entry after it does");
    }

    @Test
    void after_a_failed_write_only_the_scheduled_flush_tries_again() {
        repository.fail = true;
        record(0, ReadAudit.FLUSH_AT);
        assertEquals(List.of(ReadAudit.FLUSH_AT), repository.batches);
        record(0, 3 * ReadAudit.FLUSH_AT);
        assertEquals(
                List.of(ReadAudit.FLUSH_AT), repository.batches, "no write per request while the database is away");

        repository.fail = false;
        audit.flush().await().indefinitely();
        // the failed batch was kept, and the same reads after it were counted in its entries
        assertEquals(
                List.of(ReadAudit.FLUSH_AT, 3 * ReadAudit.FLUSH_AT),
                repository.batches,
                "the scheduled flush writes every entry waiting");
        assertEquals(
                4 * ReadAudit.FLUSH_AT,
                repository.reads.values().stream().mapToInt(Integer::intValue).sum(),
                "nothing was lost: every read is in a row's count");
        assertEquals(2, repository.reads.get("M-0"), "read before the failure and after it");
        record(0, ReadAudit.FLUSH_AT);
        assertEquals(ReadAudit.FLUSH_AT, repository.batches.get(2), "writing works again: the threshold starts writes");
    }

    @Test
    void a_written_batch_is_not_kept_while_the_flush_writes_the_next() throws InterruptedException {
        repository.hold = true;
        record(0, ReadAudit.FLUSH_AT); // the threshold's write, held: what follows waits in the queue
        List<WeakReference<AuditEntry>> firstFull = new ArrayList<>();
        for (int i = 0; i < 3 * ReadAudit.BATCH; i++) {
            AuditEntry e = read(ReadAudit.FLUSH_AT + i);
            if (i < ReadAudit.BATCH) firstFull.add(new WeakReference<>(e));
            audit.record(e);
        }
        repository.held.get(0).complete(null);
        audit.flush().subscribe().with(done -> {});
        assertEquals(List.of(ReadAudit.FLUSH_AT, ReadAudit.BATCH), repository.batches);
        repository.held.get(1).complete(null); // the first full batch is written; the flush takes the next
        assertEquals(List.of(ReadAudit.FLUSH_AT, ReadAudit.BATCH, ReadAudit.BATCH), repository.batches);

        for (int i = 0; i < 20 && firstFull.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(
                0,
                firstFull.stream().filter(r -> r.get() != null).count(),
                "entries of a written batch are garbage while the flush goes on (were kept until the queue ran dry)");

        for (int i = 2; i < repository.held.size(); i++) repository.held.get(i).complete(null);
        assertEquals(
                List.of(ReadAudit.FLUSH_AT, ReadAudit.BATCH, ReadAudit.BATCH, ReadAudit.BATCH),
                repository.batches,
                "the flush went on to the end of the queue");
    }

    @Test
    void shutdown_writes_what_waits_and_stops_when_the_database_is_away() {
        record(0, ReadAudit.FLUSH_AT - 1);
        audit.drain();
        assertEquals(List.of(ReadAudit.FLUSH_AT - 1), repository.batches, "what waits is written at shutdown");

        repository.fail = true;
        record(0, 10);
        // each failed write puts its batch back: drain used to try again for as long as the process lived
        assertTimeoutPreemptively(Duration.ofSeconds(10), audit::drain);
        assertEquals(List.of(ReadAudit.FLUSH_AT - 1, 10), repository.batches, "one try, then it stops");
    }

    @Test
    void the_same_read_while_its_entry_waits_is_counted_in_it() {
        for (int i = 0; i < 500; i++) audit.record(read(1));
        for (int i = 0; i < 3; i++) audit.record(read(2));
        audit.record(read(3));
        assertEquals(List.of(), repository.batches, "three entries waiting, far below the threshold");
        audit.flush().await().indefinitely();
        assertEquals(List.of(3), repository.batches, "one row each");
        assertEquals(Map.of("M-1", 500, "M-2", 3, "M-3", 1), repository.reads);
    }

    @Test
    void a_reviewer_re_checking_a_thousand_members_within_a_second_makes_a_thousand_rows() {
        // the bench's cached-eligibility load: at 256 entries the threshold wrote 2.4 reads a row, not one per member
        for (int round = 0; round < 30; round++) record(0, 1_000);
        assertEquals(List.of(), repository.batches, "repeats are counts, not entries: nothing reached the threshold");
        audit.flush().await().indefinitely();
        assertEquals(List.of(1_000), repository.batches, "one row per member");
        assertEquals(1_000, repository.reads.size());
        repository.reads.forEach((id, n) -> assertEquals(30, n, id + ": all its reads in its one row"));
    }

    @Test
    void a_row_says_how_many_reads_it_stands_for_and_a_single_read_stays_as_it_was() {
        List<AuditEntry> rows = new ArrayList<>();
        var capturing = new Recording() {
            @Override
            public Uni<Void> insertAll(Tx tx, List<AuditEntry> entries) {
                rows.addAll(entries);
                return super.insertAll(tx, entries);
            }
        };
        var own = new ReadAudit(new Transactions(null), capturing, new SimpleMeterRegistry(), NONE_MADE_UP);
        AuditEntry once = read(7);
        own.record(once);
        own.record(read(8));
        own.record(read(8));
        own.flush().await().indefinitely();
        assertEquals(2, rows.size());
        assertEquals(once, rows.get(0), "no count for a single read");
        assertEquals(Map.of("memberId", "M-8", "reads", 2), rows.get(1).detail());
    }

    /**
     * The start-up warm-up's made-up reviewer reads as staff do, through the same queue; its entries are counted and
     * left out when the batch is written, also when written after its callers were forgotten. A caller merely named
     * like one (a prefix this process never handed out) is audited.
     */
    @Test
    void the_warm_ups_made_up_reads_are_left_out_of_the_log_even_once_forgotten() {
        var callers = new WarmUpCallers(new VerifiedTokenCache(null));
        var own = new ReadAudit(new Transactions(null), repository, new SimpleMeterRegistry(), callers);
        var who = callers.admit(1, 1, Duration.ofMinutes(1));
        String member = who.memberIds().get(0), reviewer = member.replace("-M0", "-R0");
        AuditEntry madeUp =
                new AuditEntry(reviewer, "REVIEWER", "ELIGIBILITY_READ", "member", member, Map.of("memberId", member));
        own.record(madeUp);
        own.record(madeUp);
        own.record(read(1));
        own.flush().await().indefinitely();
        callers.forget(who);
        own.record(madeUp); // queued during the warm-up, written after its end
        own.record(new AuditEntry(
                "WARMUP-NOTMINE0-R0", "REVIEWER", "ELIGIBILITY_READ", "member", "M-2", Map.of("memberId", "M-2")));
        own.flush().await().indefinitely();
        assertEquals(List.of(1, 1), repository.batches, "only the real reads are written");
        assertEquals(Map.of("M-1", 1, "M-2", 1), repository.reads);
        assertEquals(3, own.madeUpReadsLeftOut(), "the made-up reviewer's three reads, counted");
    }

    @Test
    void a_read_after_a_write_took_its_entry_gets_a_new_one() {
        repository.hold = true;
        record(0, ReadAudit.FLUSH_AT); // taken by the threshold's write, held
        audit.record(read(0));
        audit.record(read(0));
        repository.held.get(0).complete(null);
        repository.hold = false;
        audit.flush().await().indefinitely();
        assertEquals(List.of(ReadAudit.FLUSH_AT, 1), repository.batches);
        assertEquals(3, repository.reads.get("M-0"), "one in the first row, two in the second");
    }

    @Test
    void concurrent_reads_and_writes_lose_no_count() throws Exception {
        int threads = 4, each = 500_000, objects = 2;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            var flusher = pool.submit(() -> {
                while (!stop.get()) audit.flush().await().indefinitely();
            });
            List<java.util.concurrent.Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++)
                readers.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) audit.record(read(i % objects));
                }));
            for (var r : readers) r.get();
            stop.set(true);
            flusher.get();
        } finally {
            pool.shutdownNow();
        }
        audit.flush().await().indefinitely();
        assertEquals(objects, repository.reads.size());
        repository.reads.forEach(
                (id, n) -> assertEquals(threads * each / objects, n, id + ": every read counted once"));
    }
}
