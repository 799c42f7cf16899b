package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.claim.ClaimRepository;
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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The pharmacy reverses its own dispense within the window, once: the accumulators get back exactly what it took. */
@ApplicationScoped
public class ReversingDispense {
    private final Transactions transactions;
    private final DispenseRepository dispenses;
    private final FulfilmentRepository fulfilments;
    private final MoneyEngine money;
    private final AuditLog audit;
    private final FulfilmentConfig config;
    private final Clock clock;
    private final ClaimRepository claims;

    public ReversingDispense(
            Transactions transactions,
            DispenseRepository dispenses,
            FulfilmentRepository fulfilments,
            MoneyEngine money,
            AuditLog audit,
            FulfilmentConfig config,
            Clock clock,
            ClaimRepository claims) {
        this.claims = claims;
        this.transactions = transactions;
        this.dispenses = dispenses;
        this.fulfilments = fulfilments;
        this.money = money;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** {@code answer} stores the result in the reversal's own transaction (see {@link StoredAnswer}). */
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
                    .inTransaction(tx -> money.reverse(tx, reversalId, did, "REVERSED", event, now)
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
