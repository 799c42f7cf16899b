package com.oncopay.coverage;

import com.oncopay.platform.db.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the demo data set working on any day. Its dates (policy terms, first diagnoses, and so
 * the waiting periods) are written for one day, {@code placedFor}; on the day the engine starts
 * they are moved by the whole number of days between the two, so that every relation between
 * them and "today" is the one the data set was written for. Rows loaded on an earlier day are
 * moved by the difference, in one transaction. Birth dates stay: they are part of the identity
 * number. Demo rows only (members marked {@code demo}).
 */
@ApplicationScoped
public class DemoPlacement {
    private final Transactions transactions;
    private final DemoPlacementRepository repository;
    private final EligibilityCache cache;
    private final Clock clock;

    public DemoPlacement(
            Transactions transactions, DemoPlacementRepository repository, EligibilityCache cache, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.cache = cache;
        this.clock = clock;
    }

    /** Days to add to a date of the data set so that {@code placedFor} becomes {@code today}. */
    public static long shift(LocalDate placedFor, LocalDate today) {
        return ChronoUnit.DAYS.between(placedFor, today);
    }

    /** Moves the demo rows already stored to {@code shiftDays}; returns how many days they moved. */
    public Uni<Integer> moveStoredRowsTo(long shiftDays) {
        int target = Math.toIntExact(shiftDays);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions
                .inTransaction(tx -> repository.lockShift(tx).flatMap(stored -> {
                    int delta = target - stored;
                    Uni<Void> move = delta == 0 ? Uni.createFrom().voidItem() : repository.moveDemoDates(tx, delta);
                    return move.chain(() -> repository.save(tx, target, now)).replaceWith(delta);
                }))
                .call(delta -> delta == 0 ? Uni.createFrom().voidItem() : invalidateDemoMembers());
    }

    private Uni<Void> invalidateDemoMembers() {
        return repository.demoMemberIds(transactions.autoCommit()).flatMap(ids -> {
            List<Uni<Void>> all = new ArrayList<>();
            ids.forEach(id -> all.add(
                    cache.invalidate(id).onFailure().recoverWithNull())); // Redis is a cache: its TTL ends the rest
            return all.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : Uni.join().all(all).andCollectFailures().replaceWithVoid();
        });
    }
}
