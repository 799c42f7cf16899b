package com.oncopay.prescription;

import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.prescription.domain.InformationRequest;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Closes requests for information left unanswered past their due day ({@link InformationRequest}): the
 * prescription becomes REJECTED with {@link InformationRequest#EXPIRED}, audited. Safe with several replicas:
 * the close is one conditional UPDATE, so a prescription is closed (and audited) by one run only.
 */
@ApplicationScoped
public class InformationRequests {
    private static final Logger LOG = Logger.getLogger(InformationRequests.class);
    private final Transactions transactions;
    private final InformationRequestRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public InformationRequests(
            Transactions transactions, InformationRequestRepository repository, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduled() {
        return expireUnanswered().replaceWithVoid();
    }

    /** Closes the unanswered requests due before today (business clock); the number closed. */
    public Uni<Integer> expireUnanswered() {
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.inTransaction(tx -> repository
                .expire(tx, today, now)
                .flatMap(ids -> {
                    if (ids.isEmpty()) return Uni.createFrom().item(0);
                    if (LOG.isInfoEnabled()) LOG.infof("closed %d unanswered requests for information", ids.size());
                    return Multi.createFrom()
                            .iterable(ids)
                            .onItem()
                            .transformToUniAndConcatenate(id -> audit.record(
                                    tx,
                                    AuditEntry.system(
                                            "PRESCRIPTION_INFO_REQUEST_EXPIRED",
                                            "prescription",
                                            id.toString(),
                                            Map.of("to", "REJECTED", "reason", InformationRequest.EXPIRED))))
                            .collect()
                            .last()
                            .replaceWith(ids.size());
                }));
    }
}
