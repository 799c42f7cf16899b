package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.catalog.DrugLabel;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.TransferApi.HospitalReceipt;
import com.oncopay.fulfilment.TransferApi.TransferStatusRequest;
import com.oncopay.fulfilment.TransferApi.TransferView;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.idempotency.StoredAnswer;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A cell therapy's way to the prescribing hospital (docs/RULES.md, Fulfilment): the pharmacy that
 * was chosen sends the cold-chain transfer (IN_TRANSFER, or FAILED), then records the hospital's
 * signed receipt (ward, who signed, when, receipt number), which is the hand-over: it settles the
 * dispense exactly as a counter redemption does ({@link SettlingDispense}).
 */
@ApplicationScoped
public class HospitalTransfers {
    static final String EVENT = "HOSPITAL_TRANSFER_STATUS";

    private final Transactions transactions;
    private final TransferRepository repository;
    private final DeliveryRepository deliveries;
    private final SettlingDispense settling;
    private final MoneyEngine money;
    private final Outbox outbox;
    private final AuditLog audit;
    private final DrugLabels labels;
    private final Clock clock;

    public HospitalTransfers(
            Transactions transactions,
            TransferRepository repository,
            DeliveryRepository deliveries,
            SettlingDispense settling,
            MoneyEngine money,
            Outbox outbox,
            AuditLog audit,
            DrugLabels labels,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.deliveries = deliveries;
        this.settling = settling;
        this.money = money;
        this.outbox = outbox;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    /** IN_TRANSFER (the transfer left the pharmacy) or FAILED (it cannot be made: the prescription may be fulfilled again). */
    public Uni<TransferView> status(String fulfilmentId, TransferStatusRequest r, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime at = FieldErrors.notInFuture("at", r.at() == null ? now : r.at(), now);
        FulfilmentStatus to = FulfilmentStatus.valueOf(r.status().name());
        return transfer(fid, caller, to).flatMap(t -> {
            FulfilmentOrder f = t.order();
            Map<String, Object> event = event(t, to, at);
            if (r.trackingNo() != null) event.put("trackingNo", r.trackingNo());
            return transactions
                    .inTransaction(tx -> deliveries
                            .move(tx, fid, f.status(), to, r.trackingNo(), now, null)
                            .flatMap(moved -> {
                                if (!moved)
                                    throw Refused.conflict(
                                            "ILLEGAL_TRANSITION", f.status().name(), to.name());
                                return Pipeline.inOrder(
                                        outbox.write(tx, f.pharmacyCode(), EVENT, fid.toString(), event),
                                        audit.record(
                                                tx,
                                                AuditEntry.of(
                                                        caller,
                                                        "HOSPITAL_TRANSFER_" + to.name(),
                                                        "fulfilment",
                                                        fid.toString(),
                                                        Map.of(
                                                                "from",
                                                                f.status().name()))));
                            }))
                    .replaceWith(labels.of(f.drugId()))
                    .map(drug ->
                            view(t, drug, to, r.trackingNo() != null ? r.trackingNo() : t.trackingNo(), null, null));
        });
    }

    /**
     * The hospital's signed receipt: the hand-over, settled in one transaction with the ledger and the dispatch event;
     * {@code answer} stores the result in that transaction (see {@link StoredAnswer}).
     */
    public Uni<TransferView> receipt(String fulfilmentId, HospitalReceipt r, Caller caller, StoredAnswer answer) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        FieldErrors.notInFuture("receivedAt", r.receivedAt(), now);
        FulfilmentStatus to = FulfilmentStatus.HOSPITAL_RECEIVED;
        // the paperwork is the counter's and the door's (HandingOver); the hospital, not a collector, receives it
        HandingOver.Checked handOver = HandingOver.check(r.prescriptionCollected(), r.documents(), null);
        // the drug's names from memory, before the transaction takes its connection
        return transfer(fid, caller, to)
                .flatMap(t -> labels.of(t.order().drugId()).flatMap(drug -> {
                    FulfilmentOrder f = t.order();
                    HandingOver.requireSettleable(f, now);
                    UUID dispenseId = UUID.randomUUID();
                    Map<String, Object> event = event(t, to, r.receivedAt());
                    event.put("redemptionId", dispenseId.toString());
                    TransferRepository.Receipt receipt =
                            new TransferRepository.Receipt(r.ward(), r.receivedBy(), r.receivedAt(), r.receiptNo());
                    long social = r.socialInsurancePaidFen() == null ? 0 : r.socialInsurancePaidFen();
                    return transactions
                            .inTransaction(tx -> settling.settle(
                                            tx,
                                            repository.receive(tx, fid, receipt, now, dispenseId),
                                            () -> Refused.conflict(
                                                    "ILLEGAL_TRANSITION",
                                                    f.status().name(),
                                                    to.name()),
                                            new SettlingDispense.Settle(
                                                    f,
                                                    f.pharmacyCode(),
                                                    f.priceFen(),
                                                    social,
                                                    null,
                                                    dispenseId,
                                                    EVENT,
                                                    event,
                                                    now,
                                                    handOver),
                                            caller)
                                    .map(m -> view(t, drug, to, t.trackingNo(), dispenseId.toString(), m))
                                    // the answer a retry with the same Idempotency-Key gets, committed with the money
                                    .call(v -> answer.store(tx, v)))
                            .call(() -> money.afterCommit(f.memberId()));
                }));
    }

    /** The transfer, if the caller is the pharmacy it was given to and it may move to {@code to} now. */
    private Uni<TransferRepository.Transfer> transfer(UUID fid, Caller caller, FulfilmentStatus to) {
        return repository.transfer(transactions.autoCommit(), fid).map(found -> {
            TransferRepository.Transfer t = found.orElseThrow(Refused::notFound);
            caller.requirePharmacyVisible(t.order().pharmacyCode());
            if (!t.order().status().canMoveTo(to))
                throw Refused.conflict("ILLEGAL_TRANSITION", t.order().status().name(), to.name());
            return t;
        });
    }

    private static Map<String, Object> event(TransferRepository.Transfer t, FulfilmentStatus to, OffsetDateTime at) {
        FulfilmentOrder f = t.order();
        Map<String, Object> event = FulfilmentEvents.event(
                f.id(), f.prescriptionId(), f.drugId(), null, f.packs(), "HOSPITAL", f.memberName());
        event.put("hospitalCode", t.hospitalCode());
        event.put("status", to.name());
        event.put("at", at.toString());
        return event;
    }

    private static TransferView view(
            TransferRepository.Transfer t,
            DrugLabel drug,
            FulfilmentStatus status,
            String trackingNo,
            String redemption,
            MoneyBlock m) {
        FulfilmentOrder f = t.order();
        return new TransferView(
                f.id().toString(),
                f.prescriptionId().toString(),
                f.pharmacyCode(),
                t.hospitalCode(),
                f.drugId(),
                drug.brandName(),
                drug.genericName(),
                drug.form(),
                f.packs(),
                status.name(),
                trackingNo,
                redemption,
                m);
    }
}
