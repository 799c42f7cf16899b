package com.oncopay.claim;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.claim.ClaimApi.ClaimView;
import com.oncopay.claim.ClaimApi.DecisionRequest;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.claim.domain.LiabilityDecision;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import com.oncopay.receivable.RecoveringDispenses;
import com.oncopay.receivable.domain.DispenseRecovery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The insurer's liability decision after the advance (004: 「垫付结论不等于理赔结论」), once per claim, audited.
 * No dispatch event: the pharmacy was paid by the insurer and has nothing to do either way (docs/RULES.md); a denial's
 * receivable goes to the insurer's own stream.
 */
@ApplicationScoped
public class DecidingLiability {
    private final Transactions transactions;
    private final ClaimRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final MoneyEngine money;
    private final RecoveringDispenses recovering;

    public DecidingLiability(
            Transactions transactions,
            ClaimRepository repository,
            AuditLog audit,
            Clock clock,
            MoneyEngine money,
            RecoveringDispenses recovering) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.money = money;
        this.recovering = recovering;
    }

    /**
     * One transaction, in the lock order of {@code MoneyEngine} (the dispense row, then the claim, then the receivable and
     * the accumulators). A denial opens the member receivable of the insurer's share and gives back the cover the
     * dispense took, exactly as a reversal would, without a REVERSAL row: the drugs were handed over and the pharmacy's
     * settlement stands ({@link RecoveringDispenses}).
     */
    public Uni<ClaimView> decide(String claimId, DecisionRequest r, Caller caller) {
        UUID id = Ids.uuidOr404(claimId);
        String problem = LiabilityDecision.problem(r.outcome(), r.reasonCode(), r.note());
        if (problem != null)
            new FieldErrors()
                    .add("reasonCode", problem, Messages.title(Locale.ENGLISH, problem))
                    .throwIfAny();
        String reason = r.outcome() == LiabilityDecision.Outcome.DENIED ? r.reasonCode() : null;
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        OffsetDateTime now = OffsetDateTime.now(clock);
        ClaimStatus to = r.outcome().status();
        return transactions
                .inTransaction(tx -> repository.dispenseOf(tx, id).flatMap(dispense -> {
                    UUID did = dispense.orElseThrow(Refused::notFound);
                    return money.lockDispense(tx, did)
                            .flatMap(d -> repository.lock(tx, id).flatMap(found -> {
                                ClaimRepository.Locked c = found.orElseThrow(Refused::notFound);
                                if (!c.status().canMoveTo(to))
                                    throw Refused.conflict(
                                            ClaimStatus.ILLEGAL_TRANSITION,
                                            c.status().name(),
                                            to.name());
                                Uni<RecoveringDispenses.Recovered> recovered = to == ClaimStatus.LIABILITY_DENIED
                                        ? recovering.recover(
                                                tx,
                                                new RecoveringDispenses.Recovery(
                                                        did,
                                                        d,
                                                        DispenseRecovery.Cause.LIABILITY_DENIED,
                                                        id,
                                                        reason,
                                                        note,
                                                        0,
                                                        now),
                                                caller)
                                        : Uni.createFrom().nullItem();
                                return recovered.call(rec -> {
                                    Map<String, Object> detail = new LinkedHashMap<>();
                                    detail.put("from", c.status().name());
                                    detail.put("to", to.name());
                                    if (reason != null) detail.put("reasonCode", reason);
                                    detail.put("insurerPaysFen", c.insurerPaysFen());
                                    if (rec != null && rec.receivableId() != null)
                                        detail.put("receivableId", rec.receivableId());
                                    return repository
                                            .decide(tx, id, to, reason, note, caller.subject(), now)
                                            .chain(() -> audit.record(
                                                    tx,
                                                    AuditEntry.of(
                                                            caller,
                                                            "LIABILITY_DECIDED",
                                                            "claim",
                                                            id.toString(),
                                                            detail)));
                                });
                            }));
                }))
                .call(rec -> rec == null ? Uni.createFrom().voidItem() : money.afterCommit(rec.memberId()))
                .chain(() -> transactions.onConnection(tx -> repository.page(
                        tx, null, id, null, null, LocalDate.now(clock.withZone(BusinessCalendar.ZONE)), 0, 1)))
                .map(p -> p.items().get(0));
    }

    public Uni<Page<ClaimView>> list(String memberId, ClaimStatus status, Boolean overdue, int page, int size) {
        LocalDate today = LocalDate.now(clock.withZone(BusinessCalendar.ZONE));
        return transactions.onConnection(tx -> repository.page(tx, memberId, null, status, overdue, today, page, size));
    }
}
