package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.claim.ClaimRepository;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.fulfilment.FulfilmentApi.Reversal;
import com.oncopay.fulfilment.FulfilmentApi.ReversalRequest;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.fulfilment.domain.ReversalWindow;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Constraints;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.idempotency.StoredAnswer;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.RecoveringDispenses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The pharmacy reverses its own dispense within the window, once: the accumulators get back exactly what it took. In
 * the lock order of {@link MoneyEngine} (the dispense row, its claim, its receivable, the accumulators): a dispense
 * whose liability was denied is not reversed (409 {@link #LIABILITY_DENIED}: its cover was given back with the denial
 * and the member owes its share), nor one whose cover was otherwise given back ({@code DISPENSE_RECOVERED}); one a
 * misuse receivable recovers comes off that receivable.
 */
@ApplicationScoped
public class ReversingDispense {
    public static final String LIABILITY_DENIED = "LIABILITY_DENIED";

    private final Transactions transactions;
    private final DispenseRepository dispenses;
    private final FulfilmentRepository fulfilments;
    private final MoneyEngine money;
    private final AuditLog audit;
    private final FulfilmentConfig config;
    private final Clock clock;
    private final ClaimRepository claims;
    private final RecoveringDispenses receivables;

    public ReversingDispense(
            Transactions transactions,
            DispenseRepository dispenses,
            FulfilmentRepository fulfilments,
            MoneyEngine money,
            AuditLog audit,
            FulfilmentConfig config,
            Clock clock,
            ClaimRepository claims,
            RecoveringDispenses receivables) {
        this.claims = claims;
        this.receivables = receivables;
        this.transactions = transactions;
        this.dispenses = dispenses;
        this.fulfilments = fulfilments;
        this.money = money;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** {@code answer} stores the result in the reversal's own transaction (see {@link StoredAnswer}). */
    @com.oncopay.platform.metrics.CountsMoney // after the commit
    public Uni<Reversal> reverse(String redemptionId, ReversalRequest r, Caller caller, StoredAnswer answer) {
        UUID did = Ids.uuidOr404(redemptionId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return dispenses.redeemed(transactions.autoCommit(), did).flatMap(found -> {
            DispenseRepository.Redeemed d = found.orElseThrow(Refused::notFound);
            caller.requirePharmacyVisible(d.pharmacyCode());
            if (d.reversed()) throw Refused.conflict("ALREADY_REVERSED");
            if (ReversalWindow.closed(d.at().toInstant(), config.reversalWindow(), now.toInstant()))
                throw Refused.conflict("REVERSAL_WINDOW_CLOSED");
            UUID reversalId = UUID.randomUUID();
            UUID fid = d.fulfilmentId();
            Map<String, Object> event =
                    FulfilmentEvents.event(fid, d.prescriptionId(), d.drugId(), null, d.packs(), null, d.memberName());
            event.put("redemptionId", did.toString());
            event.put("reversalId", reversalId.toString());
            event.put("reasonCode", r.reasonCode().name());
            return transactions
                    .inTransaction(tx -> money.lockDispense(tx, did)
                            .chain(() -> claims.lockOfDispense(tx, did))
                            .invoke(claim -> {
                                if (claim.isPresent() && claim.get().status() == ClaimStatus.LIABILITY_DENIED)
                                    throw Refused.conflict(LIABILITY_DENIED);
                            })
                            .chain(() -> receivables.beforeReversal(tx, did, now, caller))
                            .chain(() -> money.reverse(tx, reversalId, did, "REVERSED", event, now))
                            .onFailure(e -> Constraints.uniqueViolated(e, "dispense_single_reversal"))
                            .transform(e -> Refused.conflict("ALREADY_REVERSED"))
                            .call(m -> fid == null
                                    ? Uni.createFrom().voidItem()
                                    : fulfilments.setStatus(tx, fid, FulfilmentStatus.REVERSED, now))
                            .call(m -> dispenses.prescriptionApprovedAgain(tx, d.prescriptionId()))
                            .call(m -> claims.withdrawOfDispense(tx, did, "DISPENSE_REVERSED", now))
                            .call(m -> audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "REVERSED",
                                            "dispense",
                                            did.toString(),
                                            Map.of(
                                                    "reversalId",
                                                    reversalId.toString(),
                                                    "reasonCode",
                                                    r.reasonCode().name()))))
                            .map(m -> new Reversal(reversalId.toString(), did.toString(), r.reasonCode(), m))
                            .call(reversal -> answer.store(tx, reversal)))
                    .call(() -> d.memberId() == null ? Uni.createFrom().voidItem() : money.afterCommit(d.memberId()));
        });
    }
}
