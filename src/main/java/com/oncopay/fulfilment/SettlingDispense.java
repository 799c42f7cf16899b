package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.claim.OpeningClaims;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The money part of a redemption or a delivery, inside its transaction: the locked accumulator
 * read, then every write (the dispense's, the prescription's and the liability claim's) in one pipelined round
 * trip. The caller's claim of the fulfilment has already linked it to {@link Settle#dispenseId}.
 */
@ApplicationScoped
public class SettlingDispense {
    private final MoneyEngine money;
    private final RedemptionRepository repository;
    private final AuditLog audit;
    private final HandingOver handingOver;
    private final OpeningClaims claims;

    public SettlingDispense(
            MoneyEngine money,
            RedemptionRepository repository,
            AuditLog audit,
            HandingOver handingOver,
            OpeningClaims claims) {
        this.money = money;
        this.repository = repository;
        this.audit = audit;
        this.handingOver = handingOver;
        this.claims = claims;
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
            AidRule.Effect aid,
            HandingOver.Checked handOver) {}

    public Uni<MoneyBlock> settle(Tx tx, Settle s, Caller caller) {
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
                                s.aid()),
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
