package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.claim.ClaimRepository;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.fulfilment.FulfilmentApi.ReversalReason;
import com.oncopay.fulfilment.domain.ReversalWindow;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.idempotency.StoredAnswer;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.RecoveringDispenses;
import com.oncopay.receivable.domain.DispenseRecovery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A reversal after the 7-day window (#20 item 2). The pharmacy's counter refuses it (409 REVERSAL_WINDOW_CLOSED, the
 * contract): the insurer's settlement with the pharmacy for the period is final. When the drugs come back later anyway
 * and the pharmacy refunds the member, the insurer's ADMIN records it: the member owes the insurer's share back
 * ({@code LATE_REVERSAL} receivable) and the cover the dispense took is given back exactly as a reversal would, without
 * a REVERSAL row (settlement unchanged). The claim still under investigation is withdrawn; the fulfilment and the
 * prescription keep their record (a new fill needs a new prescription). Lock order of {@link MoneyEngine}.
 */
@ApplicationScoped
public class ReversingLate {
    public static final String REVERSAL_WINDOW_OPEN = "REVERSAL_WINDOW_OPEN";

    public record LateReversalRequest(
            @NotNull ReversalReason reasonCode,
            @Size(max = 500) String note) {}

    /** {@code receivableId}: the LATE_REVERSAL receivable, or the misuse one already recovering the dispense. */
    public record LateReversal(
            String redemptionId, ReversalReason reasonCode, String receivableId, long amountFen, boolean opened) {}

    private final Transactions transactions;
    private final DispenseRepository dispenses;
    private final MoneyEngine money;
    private final ClaimRepository claims;
    private final RecoveringDispenses recovering;
    private final AuditLog audit;
    private final FulfilmentConfig config;
    private final Clock clock;

    public ReversingLate(
            Transactions transactions,
            DispenseRepository dispenses,
            MoneyEngine money,
            ClaimRepository claims,
            RecoveringDispenses recovering,
            AuditLog audit,
            FulfilmentConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.dispenses = dispenses;
        this.money = money;
        this.claims = claims;
        this.recovering = recovering;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** {@code answer} stores the result in the recovery's own transaction (see {@link StoredAnswer}). */
    public Uni<LateReversal> reverse(String redemptionId, LateReversalRequest r, Caller caller, StoredAnswer answer) {
        UUID did = Ids.uuidOr404(redemptionId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        return transactions
                .inTransaction(tx -> money.lockDispense(tx, did)
                        .flatMap(d -> dispenses
                                .redeemed(tx, did)
                                .flatMap(found -> {
                                    DispenseRepository.Redeemed redeemed = found.orElseThrow(Refused::notFound);
                                    if (!ReversalWindow.closed(
                                            redeemed.at().toInstant(), config.reversalWindow(), now.toInstant()))
                                        throw Refused.conflict(REVERSAL_WINDOW_OPEN);
                                    return claims.lockOfDispense(tx, did);
                                })
                                .flatMap(claim -> {
                                    if (claim.isPresent() && claim.get().status() == ClaimStatus.LIABILITY_DENIED)
                                        throw Refused.conflict(ReversingDispense.LIABILITY_DENIED);
                                    UUID claimId = claim.map(ClaimRepository.Locked::id)
                                            .orElse(null);
                                    return recovering.recover(
                                            tx,
                                            new RecoveringDispenses.Recovery(
                                                    did,
                                                    d,
                                                    DispenseRecovery.Cause.LATE_REVERSAL,
                                                    claimId,
                                                    r.reasonCode().name(),
                                                    note,
                                                    0,
                                                    now),
                                            caller);
                                })
                                .call(() -> claims.withdrawOfDispense(tx, did, "DISPENSE_REVERSED_LATE", now))
                                .call(rec -> {
                                    Map<String, Object> detail = new LinkedHashMap<>();
                                    detail.put("reasonCode", r.reasonCode().name());
                                    if (rec.receivableId() != null) detail.put("receivableId", rec.receivableId());
                                    detail.put("amountFen", rec.amountFen());
                                    return audit.record(
                                            tx,
                                            AuditEntry.of(caller, "REVERSED_LATE", "dispense", did.toString(), detail));
                                })
                                .map(rec -> new Done(
                                        rec.memberId(),
                                        new LateReversal(
                                                did.toString(),
                                                r.reasonCode(),
                                                rec.receivableId(),
                                                rec.amountFen(),
                                                rec.opened())))
                                .call(done -> answer.store(tx, done.answer()))))
                .call(done -> money.afterCommit(done.memberId()))
                .map(Done::answer);
    }

    private record Done(String memberId, LateReversal answer) {}
}
