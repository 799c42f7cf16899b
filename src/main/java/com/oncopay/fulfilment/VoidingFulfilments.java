package com.oncopay.fulfilment;

import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The insurer voids every open fulfilment of a member at once (a misuse flag), or those drawn on one policy (its
 * cancellation): as a member's
 * cancellation ({@link CancellingFulfilment}) it becomes CANCELLED and its pharmacy gets a
 * CANCELLED event through the outbox, with {@code reason}; unlike it, packed and shipped
 * deliveries are voided too. A voided pickup code is VOID and its redemption refused.
 */
@ApplicationScoped
public class VoidingFulfilments {
    private final VoidRepository repository;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public VoidingFulfilments(VoidRepository repository, Outbox outbox, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** In {@code tx}: voids the member's open fulfilments; the ones voided. */
    public Uni<List<VoidRepository.Open>> voidOpen(Tx tx, String memberId, String reason, Caller caller) {
        return voidOpen(tx, memberId, null, reason, caller);
    }

    /** In {@code tx}: voids the member's open fulfilments of prescriptions on {@code policyNumber} (a cancelled policy). */
    public Uni<List<VoidRepository.Open>> voidOpenOfPolicy(
            Tx tx, String memberId, String policyNumber, String reason, Caller caller) {
        return voidOpen(tx, memberId, policyNumber, reason, caller);
    }

    private Uni<List<VoidRepository.Open>> voidOpen(
            Tx tx, String memberId, String policyNumber, String reason, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return repository.lockOpen(tx, memberId, policyNumber).flatMap(open -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (VoidRepository.Open f : open) {
                Map<String, Object> event = FulfilmentEvents.event(
                        f.id(), f.prescriptionId(), f.drugId(), null, f.packs(), f.mode(), f.memberName());
                event.put("reason", reason);
                chain = chain.chain(() -> repository.cancel(tx, f.id(), now))
                        .chain(() -> outbox.write(tx, f.pharmacyCode(), "CANCELLED", f.id().toString(), event))
                        .chain(() -> audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "FULFILMENT_VOIDED",
                                        "fulfilment",
                                        f.id().toString(),
                                        Map.of(
                                                "from",
                                                f.status(),
                                                "to",
                                                FulfilmentStatus.CANCELLED.name(),
                                                "reason",
                                                reason))));
            }
            return chain.replaceWith(open);
        });
    }
}
