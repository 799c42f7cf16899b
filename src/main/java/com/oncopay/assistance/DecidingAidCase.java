package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.AidCaseTransitions.Move;
import com.oncopay.assistance.domain.AidCaseProgress;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidCycleStatus;
import com.oncopay.assistance.domain.AidProgramme;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens to a submitted case: the foundation's decision as the coordinator records it
 * (approved with its cycles, or refused with a reason), each cycle's collection, a withdrawal.
 */
@ApplicationScoped
public class DecidingAidCase {
    private final AidProgrammes programmes;
    private final AidCycleRepository cycles;
    private final AidCaseTransitions transitions;
    private final AidForfeiture forfeiture;
    private final Clock clock;
    private final int collectionWindowDays;

    public DecidingAidCase(
            AidProgrammes programmes,
            AidCycleRepository cycles,
            AidCaseTransitions transitions,
            AidForfeiture forfeiture,
            Clock clock,
            @ConfigProperty(name = "oncopay.assistance.collection-window-days", defaultValue = "14")
                    int collectionWindowDays) {
        this.programmes = programmes;
        this.cycles = cycles;
        this.transitions = transitions;
        this.forfeiture = forfeiture;
        this.clock = clock;
        this.collectionWindowDays = collectionWindowDays;
    }

    public Uni<CaseView> decide(String caseId, AidApi.Decision d, Caller caller) {
        return transitions.run(caseId, caller, (c, now) -> {
            if (c.status() != AidCaseStatus.SUBMITTED)
                throw AidCaseTransitions.illegal(
                        c.status(), d.approved() ? AidCaseStatus.APPROVED : AidCaseStatus.REJECTED);
            if (!d.approved()) {
                String reason = d.reason() == null ? "OTHER" : d.reason();
                c.refuse(reason);
                return Uni.createFrom().item(new Move(AidCaseStatus.REJECTED, "refused by the foundation: " + reason));
            }
            AidProgramme p = programmes.byCode(c.programCode()).orElseThrow();
            FieldErrors errors = new FieldErrors();
            if (d.cycles() == null) errors.add("cycles", "REQUIRED", "number of donated cycles");
            if (d.packsPerCycle() == null) errors.add("packsPerCycle", "REQUIRED", "packs per cycle");
            if (d.pharmacyCode() == null) errors.add("pharmacyCode", "REQUIRED", "the foundation's pharmacy");
            else if (!p.pharmacies().contains(d.pharmacyCode()))
                errors.add("pharmacyCode", "UNKNOWN_VALUE", "one of " + p.pharmacies());
            errors.date("startsOn", d.startsOn()).throwIfAny();
            LocalDate start = d.startsOn() == null ? LocalDate.now(clock) : d.startsOn();
            List<AidCycleEntity> opened =
                    AidCaseProgress.schedule(start, d.cycles(), p.cycleDays(), collectionWindowDays).stream()
                            .map(y -> AidCycleEntity.open(c.id(), y.cycle(), y.opensOn(), y.windowEndsOn()))
                            .toList();
            c.approve(d.cycles(), d.packsPerCycle(), d.pharmacyCode());
            return cycles.add(opened)
                    .replaceWith(new Move(
                            AidCaseStatus.APPROVED,
                            "approved: " + d.cycles() + " cycles of " + d.packsPerCycle() + " packs at "
                                    + d.pharmacyCode()));
        });
    }

    /** A cycle collected within its window; the case is completed with its last open cycle. */
    public Uni<CaseView> collect(String caseId, AidApi.Collection col, Caller caller) {
        return forfeiture
                .forfeitDue()
                .flatMap(x -> transitions.run(caseId, caller, (c, now) -> {
                    if (c.status() != AidCaseStatus.APPROVED && c.status() != AidCaseStatus.IN_PROGRESS)
                        throw AidCaseTransitions.illegal(c.status(), AidCaseStatus.IN_PROGRESS);
                    return cycles.lockOfCase(c.id()).map(all -> {
                        AidCycleEntity y = all.stream()
                                .filter(z -> z.cycle() == col.cycle())
                                .findFirst()
                                .orElseThrow(Refused::notFound);
                        if (y.status() != AidCycleStatus.OPEN)
                            throw Refused.conflict(
                                    "ILLEGAL_TRANSITION", y.status().name(), "COLLECTED");
                        if (!AidCaseProgress.collectable(
                                col.collectedOn(), y.opensOn(), y.windowEndsOn(), LocalDate.now(clock))) {
                            new FieldErrors()
                                    .add("collectedOn", "OUT_OF_RANGE", y.opensOn() + ".." + y.windowEndsOn())
                                    .throwIfAny();
                        }
                        y.collect(col.collectedOn());
                        long open = all.stream()
                                .filter(z -> z.status() == AidCycleStatus.OPEN)
                                .count();
                        return new Move(
                                AidCaseProgress.afterCollection(open),
                                "cycle " + col.cycle() + " collected on " + col.collectedOn());
                    });
                }));
    }

    public Uni<CaseView> withdraw(String caseId, Caller caller) {
        return transitions.run(caseId, caller, (c, now) -> {
            if (!c.status().canMoveTo(AidCaseStatus.WITHDRAWN))
                throw AidCaseTransitions.illegal(c.status(), AidCaseStatus.WITHDRAWN);
            return Uni.createFrom().item(new Move(AidCaseStatus.WITHDRAWN, "withdrawn"));
        });
    }
}
