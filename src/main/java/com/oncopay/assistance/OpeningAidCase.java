package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.AidCaseTransitions.Move;
import com.oncopay.assistance.domain.AidCaseProgress;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidProgramme;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A coordinator opens a case for a member, records the materials as they arrive and submits it. */
@ApplicationScoped
public class OpeningAidCase {
    private final AidProgrammes programmes;
    private final AidCaseRepository cases;
    private final AidCaseTransitions transitions;
    private final AidCaseHistory history;
    private final AidCaseQueries queries;
    private final Clock clock;
    private final Transactions transactions;

    public OpeningAidCase(
            AidProgrammes programmes,
            AidCaseRepository cases,
            AidCaseTransitions transitions,
            AidCaseHistory history,
            AidCaseQueries queries,
            Clock clock,
            Transactions transactions) {
        this.programmes = programmes;
        this.cases = cases;
        this.transitions = transitions;
        this.history = history;
        this.queries = queries;
        this.clock = clock;
        this.transactions = transactions;
    }

    public Uni<CaseView> open(AidApi.CreateCase r, Caller caller) {
        if (!caller.has(Roles.COORDINATOR) && !caller.has(Roles.ADMIN))
            throw Refused.of(Refused.Kind.FORBIDDEN, "FORBIDDEN");
        String drugId = CatalogEntry.canonicalDrugId(r.drugId());
        AidProgramme p = programmes
                .byCode(r.programCode())
                .filter(x -> x.drugIds().contains(drugId))
                .orElseThrow(() -> Refused.rule("NO_AID_PROGRAMME", drugId));
        String coordinator = caller.coordinatorId() != null ? caller.coordinatorId() : caller.subject();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions
                .inEntityTransaction(() -> cases.mainlandCitizen(r.memberId())
                        .flatMap(mainland -> {
                            if (mainland.isEmpty()) throw Refused.rule("MEMBER_NOT_FOUND", r.memberId());
                            if (!mainland.get()) throw Refused.rule("NOT_MAINLAND_CITIZEN");
                            return cases.create(
                                    AidCaseEntity.open(id, r.memberId(), drugId, p.code(), coordinator, now));
                        })
                        .flatMap(c -> history.record(id, caller, null, AidCaseStatus.DRAFT, "case opened", now)))
                .flatMap(x -> queries.view(id));
    }

    /** Records one kind of material (received or not, and how); the case is then being prepared. */
    public Uni<CaseView> material(String caseId, String kind, AidApi.Material m, Caller caller) {
        if (!AidCaseProgress.KINDS.contains(kind)) throw Refused.notFound();
        return transitions.run(caseId, caller, (c, now) -> {
            AidCaseStatus from = c.status();
            if (from != AidCaseStatus.DRAFT && from != AidCaseStatus.PREPARING)
                throw AidCaseTransitions.illegal(from, AidCaseStatus.PREPARING);
            return cases.material(c.id(), kind)
                    .invoke(material -> material.record(m.received(), m.channel(), m.note(), now))
                    .flatMap(cases::save)
                    .replaceWith(new Move(
                            AidCaseStatus.PREPARING,
                            kind + (m.received() ? " received" : " not received") + " (" + m.channel() + ")"));
        });
    }

    /** Submits the case to the foundation once every kind of material has been received. */
    public Uni<CaseView> submit(String caseId, Caller caller) {
        return transitions.run(caseId, caller, (c, now) -> {
            if (c.status() != AidCaseStatus.PREPARING && c.status() != AidCaseStatus.DRAFT)
                throw AidCaseTransitions.illegal(c.status(), AidCaseStatus.SUBMITTED);
            return cases.receivedMaterials(c.id()).map(received -> {
                if (!AidCaseProgress.materialsComplete(received)) throw Refused.rule("MATERIALS_INCOMPLETE");
                return new Move(AidCaseStatus.SUBMITTED, "submitted to the foundation");
            });
        });
    }
}
