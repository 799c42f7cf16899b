package com.oncopay.platform.db;

import com.oncopay.platform.health.WarmUpLane;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Real transactions in the start-up warm-up (#22). A rehearsed write runs its units inside the rehearsal's own
 * transaction, which is never committed ({@link Rehearsal}), so a real unit's path (a pool connection, BEGIN sent
 * without waiting, COMMIT, what the unit asked to run after it) was first compiled under the first real writes: the
 * client's transaction and this package's own code were 20 of the methods C2 compiled for the first time in a cold
 * submission's first 20 s (bench notes 2026-12-06 first-load). So this lane, beside the warm-up's requests, runs
 * units that read one constant in a real transaction, half of them on a connection taken first ({@link
 * Transactions#onConnection}, as the redemption does), and ask for an after-commit action. They write nothing: a
 * transaction that only reads leaves no row and no commit record.
 */
@ApplicationScoped
public class TransactionWarmUp implements WarmUpLane {
    /** Units per round, all at once. */
    static final int AT_ONCE = 4;
    /** The pause after each round: a few hundred units a second, a small share of the pool beside the requests. */
    static final Duration PAUSE = Duration.ofMillis(10);

    private final Transactions transactions;
    private final LongAdder committed = new LongAdder();

    public TransactionWarmUp(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Uni<Void> round() {
        List<Uni<Integer>> units = IntStream.range(0, AT_ONCE)
                .mapToObj(i -> i % 2 == 0
                        ? transactions.inTransaction(this::unit)
                        : transactions.onConnection(c -> transactions.inTransaction(c, this::unit)))
                .toList();
        return Uni.join().all(units).andFailFast().onItem().delayIt().by(PAUSE).replaceWithVoid();
    }

    /** Units committed whose after-commit action ran. */
    public long committed() {
        return committed.sum();
    }

    private Uni<Integer> unit(Tx tx) {
        tx.afterCommit(committed::increment);
        return tx.client()
                .preparedQuery("SELECT $1::int AS warm")
                .execute(Tuple.of(1))
                .map(rows -> rows.iterator().next().getInteger("warm"));
    }
}
