package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseProgress;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidCycleStatus;
import com.oncopay.platform.db.Transactions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Cycles not collected within their window are forfeited; a case whose cycles are all settled
 * ends (completed if anything was collected, else forfeited). Runs hourly and before every read
 * or collection, so that nobody sees a window that has passed as open.
 */
@ApplicationScoped
public class AidForfeiture {
    private final AidCaseRepository cases;
    private final AidCycleRepository cycles;
    private final AidCaseHistory history;
    private final Clock clock;
    private final Transactions transactions;

    public AidForfeiture(
            AidCaseRepository cases,
            AidCycleRepository cycles,
            AidCaseHistory history,
            Clock clock,
            Transactions transactions) {
        this.cases = cases;
        this.cycles = cycles;
        this.history = history;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> forfeitDue() {
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.inEntityTransaction(() -> cycles.lockOverdue(today).flatMap(overdue -> {
            if (overdue.isEmpty()) return Uni.createFrom().voidItem();
            Set<UUID> touched = new LinkedHashSet<>();
            for (AidCycleEntity y : overdue) {
                y.forfeit();
                touched.add(y.caseId());
            }
            return Multi.createFrom()
                    .iterable(touched)
                    .onItem()
                    .transformToUniAndConcatenate(id -> end(id, now))
                    .collect()
                    .last()
                    .replaceWithVoid();
        }));
    }

    /** Ends the case when none of its cycles is open any more (the forfeited ones are in this session). */
    private Uni<Void> end(UUID id, OffsetDateTime now) {
        return cases.lock(id)
                .flatMap(c -> cycles.lockOfCase(id).flatMap(all -> {
                    long open = count(all, AidCycleStatus.OPEN);
                    long collected = count(all, AidCycleStatus.COLLECTED);
                    AidCaseStatus from = c.status();
                    var to = AidCaseProgress.afterForfeiture(open, collected).filter(from::canMoveTo);
                    if (to.isEmpty()) return Uni.createFrom().voidItem();
                    c.moveTo(to.get(), now);
                    return history.record(id, null, from, to.get(), "cycles not collected in time were forfeited", now);
                }));
    }

    private static long count(List<AidCycleEntity> all, AidCycleStatus status) {
        return all.stream().filter(y -> y.status() == status).count();
    }
}
