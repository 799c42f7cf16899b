package com.oncopay.dispatch;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.time.WallClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Housekeeping of the outbox's daily partitions (V23, #22): every hour, a partition for yesterday, today and
 * the next two UTC days where one is missing, and the days that ended more than the retention ago dropped
 * whole, unless a row of theirs is still unsent (streams replay at most that far back). Dropping instead of
 * deleting leaves no dead rows for vacuum. A run that fails (a lock not granted in 2 s) is retried the next
 * hour; rows never wait on it, since a day without its partition is written to the default one.
 */
@ApplicationScoped
public class OutboxPartitions {
    private static final Logger LOG = Logger.getLogger(OutboxPartitions.class);
    /** Yesterday (a replica whose clock is behind), today and two days ahead (a missed run or two). */
    static final int DAYS_PREPARED = 4;

    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final WallClock wallClock;
    private final DispatchConfig config;
    private final Counter made, dropped;

    public OutboxPartitions(
            Transactions transactions,
            OutboxRepository outbox,
            WallClock wallClock,
            DispatchConfig config,
            MeterRegistry registry) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.wallClock = wallClock;
        this.config = config;
        this.made = partitions(registry, "created");
        this.dropped = partitions(registry, "dropped");
    }

    @Scheduled(every = "1h", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return maintain()
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("outbox partitions: maintenance failed, retried in an hour: %s", e.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    /** One maintenance run; answers the partitions made and dropped. */
    public Uni<int[]> maintain() {
        OffsetDateTime now = wallClock.now();
        LocalDate today = now.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        LocalDate cutoff =
                now.minus(config.retention()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return outbox.prepareDays(transactions.autoCommit(), today.minusDays(1), DAYS_PREPARED)
                .flatMap(m ->
                        outbox.dropDaysBefore(transactions.autoCommit(), cutoff).map(d -> new int[] {m, d}))
                .invoke(md -> {
                    made.increment(md[0]);
                    dropped.increment(md[1]);
                });
    }

    private static Counter partitions(MeterRegistry registry, String what) {
        return Counter.builder("oncopay.outbox.partitions")
                .description("Daily outbox partitions created ahead or dropped past the retention")
                .tag("change", what)
                .register(registry);
    }
}
