package com.oncopay.prescription;

import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import com.oncopay.prescription.PrescriptionApi.ReviewRequest;
import com.oncopay.prescription.PrescriptionRepository.ReviewUpdate;
import com.oncopay.prescription.domain.InformationRequest;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The review queue: prescriptions waiting for a reviewer, and the reviewers' decisions on them. */
@ApplicationScoped
public class ReviewQueue {
    private final Transactions transactions;
    private final PrescriptionRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    @jakarta.inject.Inject
    CalendarRegistry calendars;

    @jakarta.inject.Inject
    PrescriptionConfig config;

    public ReviewQueue(Transactions transactions, PrescriptionRepository repository, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** Prescriptions waiting for review, the soonest due (and overdue) first. */
    public Uni<Page<StoredPrescription>> queue(int page, int size) {
        return repository.queue(transactions.autoCommit(), page, size);
    }

    /**
     * Approves, rejects (with a reason code) or asks for information on a queued prescription; refused
     * with {@link PrescriptionStatus#ILLEGAL_TRANSITION} when it is not in the queue.
     */
    public Uni<StoredPrescription> review(String id, ReviewRequest r, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        if (r.decision() == PrescriptionStatus.ReviewDecision.REJECT && r.reasonCode() == null) {
            new FieldErrors()
                    .add("reasonCode", "REQUIRED", "a reason code is needed to reject")
                    .throwIfAny();
        }
        PrescriptionStatus to = PrescriptionStatus.afterReview(r.decision());
        return transactions
                .inTransaction(tx -> repository.statusForUpdate(tx, uuid).flatMap(found -> {
                    PrescriptionStatus from = found.orElseThrow(Refused::notFound);
                    from.reviewedAs(r.decision())
                            .orElseThrow(() ->
                                    Refused.conflict(PrescriptionStatus.ILLEGAL_TRANSITION, from.name(), to.name()));
                    // the decision's time from the business clock, as the engine's own decisions are
                    ReviewUpdate update = new ReviewUpdate(
                            uuid,
                            to,
                            to.decidedByReview(),
                            OffsetDateTime.now(clock),
                            caller.subject(),
                            r.note(),
                            r.reasonCode(),
                            to == PrescriptionStatus.INFO_REQUESTED
                                    ? InformationRequest.dueOn(
                                            calendars.current(), LocalDate.now(clock), config.infoRequestDays())
                                    : null);
                    AuditEntry reviewed = AuditEntry.of(
                            caller,
                            "PRESCRIPTION_REVIEWED",
                            "prescription",
                            id,
                            Map.of(
                                    "from",
                                    from.name(),
                                    "to",
                                    to.name(),
                                    "decision",
                                    r.decision().name(),
                                    "reasonCode",
                                    String.valueOf(r.reasonCode())));
                    return repository.review(tx, update).flatMap(x -> audit.record(tx, reviewed));
                }))
                .flatMap(x -> repository.find(transactions.autoCommit(), uuid))
                .map(p -> p.orElseThrow(Refused::notFound));
    }
}
