package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.AidApi.CycleView;
import com.oncopay.assistance.AidApi.HistoryView;
import com.oncopay.assistance.AidApi.MaterialView;
import com.oncopay.assistance.AidApi.Reminder;
import com.oncopay.assistance.AidCaseRepository.CaseRecord;
import com.oncopay.assistance.domain.AidCaseProgress;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidCycleStatus;
import com.oncopay.assistance.domain.AidProgramme;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Cases as coordinators and members see them: one case, a coordinator's list, the cycles coming up. */
@ApplicationScoped
public class AidCaseQueries {
    private final AidCaseRepository cases;
    private final AidCycleRepository cycles;
    private final AidProgrammes programmes;
    private final AidForfeiture forfeiture;
    private final Clock clock;
    private final Transactions transactions;

    public AidCaseQueries(
            AidCaseRepository cases,
            AidCycleRepository cycles,
            AidProgrammes programmes,
            AidForfeiture forfeiture,
            Clock clock,
            Transactions transactions) {
        this.cases = cases;
        this.cycles = cycles;
        this.programmes = programmes;
        this.forfeiture = forfeiture;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The case if the caller may see it: its coordinator, ADMIN, or the member it is for; otherwise 404. */
    public Uni<CaseView> get(String caseId, Caller caller) {
        UUID id = Ids.uuidOr404(caseId);
        return forfeiture.forfeitDue().flatMap(x -> view(id)).map(v -> {
            visible(v.coordinatorId(), v.memberId(), caller);
            return v;
        });
    }

    private static void visible(String coordinator, String member, Caller caller) {
        if (caller.has(Roles.ADMIN)) return;
        if (caller.has(Roles.COORDINATOR) && coordinator.equals(caller.coordinatorId())) return;
        if (caller.has(Roles.MEMBER) && member.equals(caller.memberId())) return;
        throw caller.denied();
    }

    /** The coordinator's cases (ADMIN: all), newest change first; {@code dueWithinDays}: with a cycle opening by then. */
    public Uni<Page<CaseView>> list(Caller caller, AidCaseStatus status, Integer dueWithinDays, int page, int size) {
        String coordinator = coordinatorOf(caller);
        LocalDate until = dueWithinDays == null ? null : LocalDate.now(clock).plusDays(dueWithinDays);
        return forfeiture
                .forfeitDue()
                .flatMap(x -> transactions.inEntitySession(() -> cases.page(coordinator, status, until, page, size)
                        .flatMap(ids -> ids.isEmpty()
                                ? Uni.createFrom().item(new Page<CaseView>(List.of(), page, size, 0))
                                : cases.count(coordinator, status, until)
                                        .flatMap(total -> cases.records(ids)
                                                .map(records -> new Page<>(
                                                        records.stream()
                                                                .map(AidCaseQueries::toView)
                                                                .toList(),
                                                        page,
                                                        size,
                                                        total))))));
    }

    /** Open cycles opening within {@code withinDays}, with the materials their programme asks for. */
    public Uni<List<Reminder>> reminders(Caller caller, int withinDays) {
        String coordinator = coordinatorOf(caller);
        LocalDate until = LocalDate.now(clock).plusDays(withinDays);
        return forfeiture
                .forfeitDue()
                .flatMap(x -> transactions.inEntitySession(() -> cycles.due(coordinator, until)))
                .map(due -> due.stream()
                        .map(y -> new Reminder(
                                y.caseId().toString(),
                                y.memberId(),
                                y.drugId(),
                                y.cycle(),
                                y.opensOn(),
                                y.windowEndsOn(),
                                programmes
                                        .byCode(y.programCode())
                                        .map(AidProgramme::materials)
                                        .orElse(List.of())))
                        .toList());
    }

    /** ADMIN: every coordinator (null); a COORDINATOR: their own; anyone else is refused. */
    private static String coordinatorOf(Caller caller) {
        String coordinator = caller.has(Roles.ADMIN) ? null : caller.coordinatorId();
        if (coordinator == null && !caller.has(Roles.ADMIN)) throw Refused.of(Refused.Kind.FORBIDDEN, "FORBIDDEN");
        return coordinator;
    }

    /** The case as committed, read in a session of its own. */
    public Uni<CaseView> view(UUID id) {
        return transactions.inEntitySession(() -> cases.records(List.of(id))).map(records -> {
            if (records.isEmpty()) throw Refused.notFound();
            return toView(records.get(0));
        });
    }

    static CaseView toView(CaseRecord r) {
        AidCaseEntity c = r.head();
        List<MaterialView> materials = r.materials().stream()
                .map(m -> new MaterialView(m.kind(), m.received(), m.channel(), m.note()))
                .toList();
        List<CycleView> cycleViews = r.cycles().stream()
                .map(y -> new CycleView(
                        y.cycle(), y.opensOn(), y.windowEndsOn(), y.status().name(), y.collectedOn()))
                .toList();
        List<HistoryView> history = r.history().stream()
                .map(h -> new HistoryView(
                        Ids.local(h.at()),
                        h.by(),
                        h.from() == null ? null : h.from().name(),
                        h.to().name(),
                        h.note()))
                .toList();
        Set<String> received = r.materials().stream()
                .filter(AidMaterialEntity::received)
                .map(AidMaterialEntity::kind)
                .collect(Collectors.toSet());
        Integer firstOpen = r.cycles().stream()
                .filter(y -> y.status() == AidCycleStatus.OPEN)
                .map(AidCycleEntity::cycle)
                .findFirst()
                .orElse(null);
        return new CaseView(
                c.id().toString(),
                c.memberId(),
                c.drugId(),
                c.programCode(),
                c.coordinatorId(),
                c.status().name(),
                c.approvedCycles(),
                c.packsPerCycle(),
                c.pharmacyCode(),
                c.refusalReason(),
                materials,
                cycleViews,
                history,
                AidCaseProgress.nextAction(c.status(), received, firstOpen));
    }
}
