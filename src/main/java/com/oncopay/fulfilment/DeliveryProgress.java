package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.FulfilmentApi.DeliveryView;
import com.oncopay.fulfilment.FulfilmentApi.StatusRequest;
import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.fulfilment.domain.DeliveryStatus;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The pharmacy moves a home delivery forward; DELIVERED checks the recipient and settles like a redemption. */
@ApplicationScoped
public class DeliveryProgress {
    private final Transactions transactions;
    private final DeliveryRepository repository;
    private final FailedAttempts attempts;
    private final SettlingDispense settling;
    private final MoneyEngine money;
    private final Outbox outbox;
    private final AuditLog audit;
    private final DrugLabels labels;
    private final Clock clock;

    public DeliveryProgress(
            Transactions transactions,
            DeliveryRepository repository,
            FailedAttempts attempts,
            SettlingDispense settling,
            MoneyEngine money,
            Outbox outbox,
            AuditLog audit,
            DrugLabels labels,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.attempts = attempts;
        this.settling = settling;
        this.money = money;
        this.outbox = outbox;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    @com.oncopay.platform.metrics.CountsMoney // after the commit
    public Uni<DeliveryView> deliveryStatus(String fulfilmentId, StatusRequest r, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // when the pharmacy does not say when it happened, it happened now (the counter page sends no time of its own)
        OffsetDateTime at = FieldErrors.notInFuture("at", r.at() == null ? now : r.at(), now);
        return repository.delivery(transactions.autoCommit(), fid).flatMap(found -> {
            DeliveryRepository.Delivery d = found.orElseThrow(Refused::notFound);
            FulfilmentOrder f = d.order();
            caller.requirePharmacyVisible(f.pharmacyCode());
            FulfilmentStatus current = f.status();
            if (!current.deliveryUnderWay()
                    || !DeliveryStatus.valueOf(current.name()).canMoveTo(r.status()))
                throw Refused.conflict(
                        "ILLEGAL_TRANSITION", current.name(), r.status().name());
            boolean settles = r.status() == DeliveryStatus.DELIVERED;
            // the paperwork at the door is the counter's: 「无论到店自取或预约送药上门」 (HandingOver)
            HandingOver.Checked handOver =
                    settles ? HandingOver.check(r.prescriptionCollected(), r.documents(), r.collector()) : null;
            if (settles) {
                if (r.idNumber() == null)
                    new FieldErrors()
                            .add("idNumber", "REQUIRED", "the recipient's identity number is checked on DELIVERED")
                            .throwIfAny();
                // the door counts wrong identity numbers as the counter does: the 10th locks the delivery for an hour
                if (AttemptLock.isLocked(f.attempts(), now.toInstant())) throw FailedAttempts.locked(f.attempts(), now);
                if (!attempts.identityMatches(f, r.idNumber()))
                    return attempts.countAndFail(
                            transactions.autoCommit(),
                            fid,
                            f.pharmacyCode(),
                            "IDENTITY_MISMATCH",
                            now,
                            Refused.rule("IDENTITY_MISMATCH"),
                            caller);
                HandingOver.requireSettleable(f, now);
            }
            Map<String, Object> event = FulfilmentEvents.event(
                    fid, f.prescriptionId(), f.drugId(), null, f.packs(), "DELIVERY", f.memberName());
            event.put("status", r.status().name());
            event.put("at", at.toString());
            if (r.trackingNo() != null) event.put("trackingNo", r.trackingNo());
            UUID dispenseId = UUID.randomUUID();
            Supplier<Refused> illegal = () -> Refused.conflict(
                    "ILLEGAL_TRANSITION", current.name(), r.status().name());
            return transactions
                    .inTransaction(tx -> {
                        Uni<Boolean> moved = repository.move(
                                tx,
                                fid,
                                current,
                                FulfilmentStatus.valueOf(r.status().name()),
                                r.trackingNo(),
                                now,
                                settles ? dispenseId : null);
                        if (settles) {
                            event.put("redemptionId", dispenseId.toString());
                            long social = r.socialInsurancePaidFen() == null ? 0 : r.socialInsurancePaidFen();
                            return settling.settle(
                                    tx,
                                    moved,
                                    illegal,
                                    new SettlingDispense.Settle(
                                            f,
                                            f.pharmacyCode(),
                                            f.priceFen(),
                                            social,
                                            null,
                                            dispenseId,
                                            "DELIVERY_STATUS",
                                            event,
                                            now,
                                            handOver),
                                    caller);
                        }
                        return moved.flatMap(ok -> {
                            if (!ok) throw illegal.get();
                            return Pipeline.inOrder(
                                            outbox.write(
                                                    tx, f.pharmacyCode(), "DELIVERY_STATUS", fid.toString(), event),
                                            audit.record(
                                                    tx,
                                                    AuditEntry.of(
                                                            caller,
                                                            "DELIVERY_"
                                                                    + r.status().name(),
                                                            "fulfilment",
                                                            fid.toString(),
                                                            Map.of("from", current.name()))))
                                    .replaceWith((MoneyBlock) null);
                        });
                    })
                    .call(m -> m == null ? Uni.createFrom().voidItem() : money.afterCommit(f.memberId()))
                    .flatMap(m -> labels.of(f.drugId())
                            .map(drug -> FulfilmentQueries.view(
                                    d,
                                    drug,
                                    r.status().name(),
                                    r.trackingNo() != null ? r.trackingNo() : d.trackingNo(),
                                    null,
                                    m)));
        });
    }
}
