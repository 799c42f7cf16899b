package com.oncopay.dispatch;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.metrics.Meters;
import com.oncopay.platform.metrics.MetricsConfig;
import com.oncopay.platform.time.WallClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Refreshes {@code oncopay_outbox_unsent} and {@code oncopay_outbox_oldest_unsent_age_seconds} from
 * PostgreSQL every {@code oncopay.metrics.refresh} on every replica (the relay's own lag gauge is only
 * right on the leader): one read, off the scrape. PostgreSQL away → the figures are kept.
 */
@ApplicationScoped
public class OutboxGauges {
    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final Meters meters;
    private final MetricsConfig config;
    private final WallClock wallClock;

    public OutboxGauges(
            Transactions transactions,
            OutboxRepository outbox,
            Meters meters,
            MetricsConfig config,
            WallClock wallClock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.meters = meters;
        this.config = config;
        this.wallClock = wallClock;
    }

    @Scheduled(
            every = "${oncopay.metrics.refresh:15s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return outbox.unsentFigures(transactions.autoCommit())
                .invoke(f -> meters.outbox(
                        f.unsent(),
                        f.oldest() == null
                                ? 0
                                : Math.max(
                                        0,
                                        Duration.between(f.oldest(), wallClock.now())
                                                .toSeconds())))
                .replaceWithVoid()
                .onFailure()
                .invoke(e ->
                        LOG.debugf("outbox gauges not refreshed, next try in %s: %s", config.refresh(), e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }
}
