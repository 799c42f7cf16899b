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
import com.oncopay.prescription.domain.MaterialKind;
import com.oncopay.prescription.domain.PrescriptionStatus;
import com.oncopay.prescription.domain.RequiredMaterials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
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

    @jakarta.inject.Inject
    PrescriptionMaterials materials;

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
     * with {@link PrescriptionStatus#ILLEGAL_TRANSITION} when it is not in the queue, and an approval with
     * {@link RequiredMaterials#MATERIALS_INCOMPLETE} while a material its drug requires is missing (#20 item 4).
     */
    public Uni<StoredPrescription> review(String id, ReviewRequest r, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        if (r.decision() == PrescriptionStatus.ReviewDecision.REJECT && r.reasonCode() == null) {
            new FieldErrors()
                    .add("reasonCode", "REQUIRED", "a reason code is needed to reject")
                    .throwIfAny();
        }
        // what an approval requires is read (catalog included) before a connection is held
        return requiredMaterials(uuid, r).flatMap(needed -> decide(uuid, id, r, needed, caller));
    }

    private Uni<List<MaterialKind>> requiredMaterials(UUID uuid, ReviewRequest r) {
        if (r.decision() != PrescriptionStatus.ReviewDecision.APPROVE)
            return Uni.createFrom().item(List.of());
        return repository
                .find(transactions.autoCommit(), uuid)
                .flatMap(p -> p.isPresent()
                        ? materials.required(p.get())
                        : Uni.createFrom().item(List.of()));
    }

    private Uni<StoredPrescription> decide(
            UUID uuid, String id, ReviewRequest r, List<MaterialKind> needed, Caller caller) {
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
                    Uni<Void> complete = needed.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : materials.requireComplete(tx, uuid, needed);
                    return complete.flatMap(c -> repository.review(tx, update))
                            .flatMap(x -> audit.record(tx, reviewed));
                }))
                .flatMap(x -> repository.find(transactions.autoCommit(), uuid))
                .map(p -> p.orElseThrow(Refused::notFound));
    }
}
