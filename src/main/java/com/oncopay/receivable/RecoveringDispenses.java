package com.oncopay.receivable;

import com.oncopay.adjudication.DispenseLedgerRepository.StoredDispense;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.adjudication.domain.CoverRelease;
import com.oncopay.dispatch.Outbox;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.receivable.domain.DispenseRecovery;
import com.oncopay.receivable.domain.MisuseRecovery;
import com.oncopay.receivable.domain.ReversalReduction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Recovering one dispense from the member inside the caller's transaction ({@link DispenseRecovery}), and taking a
 * reversed dispense off the misuse receivable recovering it ({@link ReversalReduction}). The caller holds the
 * dispense's lock ({@link MoneyEngine#lockDispense}) and its claim's, so this takes the receivable and then the
 * accumulator, in the one lock order.
 */
@ApplicationScoped
public class RecoveringDispenses {
    /** What to recover: the locked dispense, why, and for an over-payment how much. */
    public record Recovery(
            UUID dispenseId,
            StoredDispense dispense,
            DispenseRecovery.Cause cause,
            UUID claimId,
            String reasonCode,
            String note,
            long requestedFen,
            OffsetDateTime at) {}

    /** {@code receivableId} the one opened, or the misuse receivable already recovering it, or null; the member. */
    public record Recovered(String receivableId, long amountFen, boolean opened, String memberId) {}

    private final DispenseReceivableRepository repository;
    private final MoneyEngine money;
    private final Outbox outbox;
    private final AuditLog audit;
    private final ReceivableConfig config;
    private final Clock clock;

    public RecoveringDispenses(
            DispenseReceivableRepository repository,
            MoneyEngine money,
            Outbox outbox,
            AuditLog audit,
            ReceivableConfig config,
            Clock clock) {
        this.repository = repository;
        this.money = money;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Recovered> recover(Tx tx, Recovery r, Caller caller) {
        StoredDispense d = r.dispense();
        return repository.state(tx, r.dispenseId()).flatMap(s -> {
            DispenseRecovery.Decision decision = DispenseRecovery.decide(
                    r.cause(),
                    s.reversed(),
                    s.released(),
                    s.recoveredBy(),
                    d.shares().insurerPaysFen(),
                    r.requestedFen());
            if (decision.action() == DispenseRecovery.Action.REFUSED) {
                if (DispenseRecovery.OVER_PAYMENT_EXCEEDS_SHARE.equals(decision.refusal()))
                    throw Refused.rule(
                            decision.refusal(), Messages.yuan(d.shares().insurerPaysFen()));
                throw Refused.conflict(decision.refusal());
            }
            CoverRelease release = decision.releaseWhole()
                    ? CoverRelease.whole(d.shares())
                    : CoverRelease.part(d.shares(), decision.amountFen());
            if (decision.action() == DispenseRecovery.Action.RELEASE_ONLY)
                return money.release(tx, r.dispenseId(), s.receivableId(), d.policyNumber(), release, r.at())
                        .replaceWith(new Recovered(
                                s.receivableId() == null
                                        ? null
                                        : s.receivableId().toString(),
                                0,
                                false,
                                s.memberId()));
            UUID id = UUID.randomUUID();
            LocalDate dueOn = MisuseRecovery.dueOn(LocalDate.now(clock), config.dueDays());
            DispenseReceivableRepository.Opening o = new DispenseReceivableRepository.Opening(
                    id,
                    s.memberId(),
                    d.policyNumber(),
                    r.cause(),
                    r.claimId(),
                    r.reasonCode(),
                    r.note(),
                    r.dispenseId(),
                    decision.amountFen(),
                    dueOn,
                    r.at());
            Map<String, Object> event = event(id, "MEMBER_RECEIVABLE_OPENED");
            event.put("memberId", s.memberId());
            event.put("policyNumber", d.policyNumber());
            event.put("cause", r.cause().name());
            if (r.claimId() != null) event.put("claimId", r.claimId().toString());
            event.put("dispenseId", r.dispenseId().toString());
            event.put("amountFen", decision.amountFen());
            event.put("dueOn", dueOn.toString());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("memberId", s.memberId());
            detail.put("cause", r.cause().name());
            if (r.reasonCode() != null) detail.put("reasonCode", r.reasonCode());
            detail.put("amountFen", decision.amountFen());
            detail.put("dispenseId", r.dispenseId().toString());
            return repository
                    .open(tx, o)
                    .chain(() -> money.release(tx, r.dispenseId(), id, d.policyNumber(), release, r.at()))
                    .chain(() -> outbox.write(
                            tx, OpeningReceivables.STREAM, "MEMBER_RECEIVABLE_OPENED", id.toString(), event))
                    .chain(() -> audit.record(
                            tx, AuditEntry.of(caller, "RECEIVABLE_OPENED", "receivable", id.toString(), detail)))
                    .replaceWith(new Recovered(id.toString(), decision.amountFen(), true, s.memberId()));
        });
    }

    /**
     * Before a reversal's accumulator lock: a dispense whose cover was given back, or that a receivable other than a
     * misuse one recovers, is not reversed (409 {@code DISPENSE_RECOVERED}); one a misuse receivable recovers comes
     * off it (ledger MEMBER_RECEIVABLE −the part taken off; an outbox row and an audit row saying what the member
     * already paid of it, which the insurer refunds).
     */
    public Uni<Void> beforeReversal(Tx tx, UUID dispenseId, OffsetDateTime at, Caller caller) {
        return repository.state(tx, dispenseId).flatMap(s -> {
            if (s.reversed()) throw Refused.conflict(DispenseRecovery.ALREADY_REVERSED);
            if (s.released() || s.recoveredBy() != null && s.recoveredBy() != DispenseRecovery.Cause.MISUSE)
                throw Refused.conflict(DispenseRecovery.DISPENSE_RECOVERED);
            if (s.recoveredBy() == null) return Uni.createFrom().voidItem();
            return repository.lockOfDispense(tx, dispenseId).flatMap(found -> {
                DispenseReceivableRepository.LockedItem item = found.orElseThrow();
                ReversalReduction r = ReversalReduction.of(item.itemOwedFen(), item.b());
                String rid = item.receivableId().toString();
                Map<String, Object> event = event(item.receivableId(), "MEMBER_RECEIVABLE_REDUCED");
                event.put("dispenseId", dispenseId.toString());
                event.put("reductionFen", r.reductionFen());
                event.put("refundDueFen", r.refundDueFen());
                event.put("amountFen", r.amountFen());
                event.put("status", r.status().name());
                return repository
                        .reduce(tx, item, dispenseId, r, at)
                        .chain(() ->
                                outbox.write(tx, OpeningReceivables.STREAM, "MEMBER_RECEIVABLE_REDUCED", rid, event))
                        .chain(() -> audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "RECEIVABLE_REDUCED",
                                        "receivable",
                                        rid,
                                        Map.of(
                                                "dispenseId", dispenseId.toString(),
                                                "reductionFen", r.reductionFen(),
                                                "refundDueFen", r.refundDueFen(),
                                                "status", r.status().name()))));
            });
        });
    }

    private static Map<String, Object> event(UUID receivableId, String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema", "finance-event/v1");
        event.put("type", type);
        event.put("receivableId", receivableId.toString());
        return event;
    }
}
