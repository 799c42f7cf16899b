package com.oncopay.prescription;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.metrics.Meters;
import com.oncopay.platform.metrics.MetricsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Refreshes {@code oncopay_review_queue_depth} and {@code oncopay_review_queue_overdue} from PostgreSQL
 * every {@code oncopay.metrics.refresh} (one indexed count, off the scrape): a scrape only reads the last
 * figures. PostgreSQL away → the figures are kept and the next round tries again.
 */
@ApplicationScoped
public class ReviewQueueGauges {
    private static final Logger LOG = Logger.getLogger(ReviewQueueGauges.class);

    private final Transactions transactions;
    private final QueueFiguresRepository figures;
    private final Meters meters;
    private final MetricsConfig config;
    private final Clock clock;

    public ReviewQueueGauges(
            Transactions transactions,
            QueueFiguresRepository figures,
            Meters meters,
            MetricsConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.figures = figures;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${oncopay.metrics.refresh:15s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return figures.figures(transactions.autoCommit(), OffsetDateTime.now(clock))
                .invoke(f -> meters.reviewQueue(f.depth(), f.overdue()))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.debugf(
                        "review queue gauges not refreshed, next try in %s: %s", config.refresh(), e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }
}
