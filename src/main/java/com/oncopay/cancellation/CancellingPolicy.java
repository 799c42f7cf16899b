package com.oncopay.cancellation;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.cancellation.CancellationApi.CancellationRequest;
import com.oncopay.cancellation.CancellationApi.CancellationView;
import com.oncopay.coverage.CancellationRepository;
import com.oncopay.coverage.EligibilityCache;
import com.oncopay.coverage.domain.PolicyCancellation;
import com.oncopay.fulfilment.VoidRepository;
import com.oncopay.fulfilment.VoidingFulfilments;
import com.oncopay.misuse.domain.ReasonText;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.OpeningReceivables;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cancels a policy ({@link PolicyCancellation}) in one transaction: its cover ends, its open fulfilments are voided with
 * their pharmacies' CANCELLED events (when the cancellation is already in effect; a later one leaves them to run out,
 * their redemption refused from its first day without cover), the dispenses handed over from that day on open a
 * receivable (ledger and outbox rows), and the audit row. The member's cached eligibility is forgotten after the commit.
 */
@ApplicationScoped
public class CancellingPolicy {
    /** The reason the voided fulfilments' events carry. */
    public static final String VOID_REASON = "POLICY_CANCELLED";

    private final Transactions transactions;
    private final CancellationRepository cancellations;
    private final VoidingFulfilments voiding;
    private final OpeningReceivables receivables;
    private final EligibilityCache eligibility;
    private final AuditLog audit;
    private final Clock clock;

    public CancellingPolicy(
            Transactions transactions,
            CancellationRepository cancellations,
            VoidingFulfilments voiding,
            OpeningReceivables receivables,
            EligibilityCache eligibility,
            AuditLog audit,
            Clock clock) {
        this.transactions = transactions;
        this.cancellations = cancellations;
        this.voiding = voiding;
        this.receivables = receivables;
        this.eligibility = eligibility;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<CancellationView> cancel(String policyNumber, CancellationRequest r, Caller caller) {
        if (r.note() != null && ReasonText.carriesIdNumber(r.note()))
            new FieldErrors()
                    .add("note", "CONTAINS_ID_NUMBER", "the note must not carry an identity number")
                    .throwIfAny();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(clock);
        return transactions
                .inTransaction(tx -> cancellations.lock(tx, policyNumber).chain(found -> {
                    CancellationRepository.Locked locked = found.orElseThrow(
                            () -> Refused.of(Refused.Kind.NOT_FOUND, "POLICY_NOT_FOUND", policyNumber));
                    PolicyCancellation.Decision d =
                            PolicyCancellation.decide(locked.term(), r.reason(), r.effectiveDate());
                    CancellationRepository.Recorded c = new CancellationRepository.Recorded(
                            policyNumber,
                            r.reason().name(),
                            r.effectiveDate(),
                            d.cancelledFrom(),
                            d.coolingOffEndsOn(),
                            r.note(),
                            caller.subject(),
                            now);
                    return cancellations.cancel(tx, c).chain(() -> consequences(tx, locked, c, d, today, caller));
                }))
                .call(v -> eligibility.invalidate(v.memberId()));
    }

    private Uni<CancellationView> consequences(
            Tx tx,
            CancellationRepository.Locked locked,
            CancellationRepository.Recorded c,
            PolicyCancellation.Decision d,
            LocalDate today,
            Caller caller) {
        String memberId = locked.memberId();
        Uni<List<VoidRepository.Open>> voided = d.cancelledFrom().isAfter(today)
                ? Uni.createFrom().item(List.of())
                : voiding.voidOpenOfPolicy(tx, memberId, c.policyNumber(), VOID_REASON, caller);
        OffsetDateTime uncoveredFrom =
                d.cancelledFrom().atStartOfDay(BusinessCalendar.ZONE).toOffsetDateTime();
        return voided.chain(v -> receivables
                .forCancellation(tx, memberId, c.policyNumber(), uncoveredFrom, caller)
                .chain(opened -> {
                    Map<String, Object> detail = new HashMap<>();
                    detail.put("memberId", memberId);
                    detail.put("reason", c.reason());
                    detail.put("effectiveDate", c.effectiveDate().toString());
                    detail.put("cancelledFrom", c.cancelledFrom().toString());
                    detail.put("voidedFulfilments", v.size());
                    detail.put("receivables", opened.size());
                    CancellationView view = new CancellationView(
                            c.policyNumber(),
                            memberId,
                            PolicyCancellation.Reason.valueOf(c.reason()),
                            c.effectiveDate(),
                            c.cancelledFrom(),
                            c.cancelledFrom().minusDays(1),
                            d.coolingOffEndsOn(),
                            d.fullPremiumRefund() ? "FULL_PREMIUM" : "PER_POLICY_TERMS",
                            c.note(),
                            Ids.local(c.cancelledAt()),
                            c.cancelledBy(),
                            v.stream().map(f -> f.id().toString()).toList(),
                            opened);
                    return audit.record(
                                    tx, AuditEntry.of(caller, "POLICY_CANCELLED", "policy", c.policyNumber(), detail))
                            .replaceWith(view);
                }));
    }
}
