package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step of a case, as every use case takes it: in one transaction the case is locked, shown
 * only to its coordinator (or ADMIN), the step runs, the move is checked against
 * {@link AidCaseStatus#canMoveTo} and written with its history row and audit row ({@link AidCaseHistory}). The answer is
 * the case as committed.
 */
@ApplicationScoped
public class AidCaseTransitions {
    /** Where a step takes the case, and what its history says. */
    public record Move(AidCaseStatus to, String note) {}

    /** The work of one step on the locked case, at {@code now}. */
    public interface Step {
        Uni<Move> apply(AidCaseEntity c, OffsetDateTime now);
    }

    private final AidCaseRepository cases;
    private final AidCaseHistory history;
    private final AidCaseQueries queries;
    private final Clock clock;
    private final Transactions transactions;

    public AidCaseTransitions(
            AidCaseRepository cases,
            AidCaseHistory history,
            AidCaseQueries queries,
            Clock clock,
            Transactions transactions) {
        this.cases = cases;
        this.history = history;
        this.queries = queries;
        this.clock = clock;
        this.transactions = transactions;
    }

    public Uni<CaseView> run(String caseId, Caller caller, Step step) {
        UUID id = Ids.uuidOr404(caseId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions
                .inEntityTransaction(() -> cases.lock(id).flatMap(c -> {
                    if (c == null) throw Refused.notFound();
                    caller.requireCoordinatorVisible(c.coordinatorId());
                    AidCaseStatus from = c.status();
                    return step.apply(c, now).flatMap(move -> {
                        if (move.to() != from && !from.canMoveTo(move.to())) throw illegal(from, move.to());
                        c.moveTo(move.to(), now);
                        return history.record(id, caller, from, move.to(), move.note(), now);
                    });
                }))
                .flatMap(x -> queries.view(id));
    }

    public static Refused illegal(AidCaseStatus from, AidCaseStatus to) {
        return Refused.conflict("ILLEGAL_TRANSITION", from.name(), to.name());
    }
}
