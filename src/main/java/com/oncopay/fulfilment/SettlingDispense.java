package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.AidService;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.claim.OpeningClaims;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A redemption, a delivery or a hospital's receipt, in its transaction: the caller's claim of the fulfilment (which links
 * it to {@link Settle#dispenseId}), the aid programme's read and the locked accumulator read in one round trip; then
 * every write (the dispense's, the prescription's and the liability claim's) in a second one.
 */
@ApplicationScoped
public class SettlingDispense {
    private final MoneyEngine money;
    private final RedemptionRepository repository;
    private final AuditLog audit;
    private final HandingOver handingOver;
    private final OpeningClaims claims;
    private final AidService aid;

    public SettlingDispense(
            MoneyEngine money,
            RedemptionRepository repository,
            AuditLog audit,
            HandingOver handingOver,
            OpeningClaims claims,
            AidService aid) {
        this.money = money;
        this.repository = repository;
        this.audit = audit;
        this.handingOver = handingOver;
        this.claims = claims;
        this.aid = aid;
    }

    /**
     * What is settled: the order, at which price and with what social insurance paid, under which event,
     * and the hand-over's paperwork (recorded with the dispense).
     */
    public record Settle(
            FulfilmentOrder order,
            String pharmacy,
            long price,
            long socialInsurancePaid,
            List<String> traceCodes,
            UUID dispenseId,
            String eventType,
            Map<String, Object> event,
            OffsetDateTime now,
            HandingOver.Checked handOver) {}

    /**
     * Settles {@code s} if {@code claim} (the conditional update of the fulfilment's status, which sets its dispense)
     * answers true, else fails with {@code notClaimed}: someone else's claim came first, and the transaction rolls back.
     * The claim, the aid read and the accumulator lock are sent together, in that order (the lock order of a dispense).
     */
    public Uni<MoneyBlock> settle(Tx tx, Uni<Boolean> claim, Supplier<Refused> notClaimed, Settle s, Caller caller) {
        FulfilmentOrder f = s.order();
        return Uni.combine()
                .all()
                .unis(
                        claim,
                        aid.effect(tx, f.memberId(), f.drugId(), f.packs(), s.pharmacy()),
                        money.lock(tx, f.policyNumber(), f.tier(), s.socialInsurancePaid()))
                .collectFailures()
                .asTuple()
                .onFailure()
                .transform(Pipeline::firstInOrder)
                .flatMap(t -> {
                    if (!t.getItem1()) throw notClaimed.get();
                    return dispense(tx, s, t.getItem2(), t.getItem3(), caller);
                });
    }

    private Uni<MoneyBlock> dispense(Tx tx, Settle s, AidRule.Effect effect, MoneyEngine.Locked locked, Caller caller) {
        FulfilmentOrder f = s.order();
        return money.dispense(
                        tx,
                        new MoneyEngine.DispenseCommand(
                                s.dispenseId(),
                                f.prescriptionId(),
                                f.policyNumber(),
                                f.memberId(),
                                f.tier(),
                                s.pharmacy(),
                                f.drugId(),
                                s.price(),
                                f.packs(),
                                s.socialInsurancePaid(),
                                s.eventType(),
                                s.event(),
                                s.now(),
                                effect),
                        locked,
                        m -> {
                            List<Uni<?>> writes = new ArrayList<>();
                            writes.add(handingOver.record(tx, s.dispenseId(), f.id(), s.handOver(), s.now(), caller));
                            writes.add(repository.prescriptionDispensed(
                                    tx,
                                    f.prescriptionId(),
                                    s.now()
                                            .atZoneSameInstant(BusinessCalendar.ZONE)
                                            .toLocalDate()));
                            // 「垫付结论不等于理赔结论」: the advance opens the claim the insurer investigates
                            writes.add(claims.open(
                                    tx,
                                    new OpeningClaims.Dispensed(
                                            s.dispenseId(),
                                            f.prescriptionId(),
                                            f.memberId(),
                                            f.policyNumber(),
                                            f.drugId(),
                                            m.insurerPaysFen(),
                                            s.now())));
                            if (s.traceCodes() != null && !s.traceCodes().isEmpty())
                                writes.add(repository.traceCodes(tx, s.traceCodes(), s.dispenseId(), s.now()));
                            writes.add(audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "DISPENSED",
                                            "dispense",
                                            s.dispenseId().toString(),
                                            Map.of(
                                                    "fulfilmentId",
                                                    f.id().toString(),
                                                    "insurerPaysFen",
                                                    m.insurerPaysFen()))));
                            return writes;
                        })
                .map(MoneyEngine.Dispensed::money);
    }
}
