package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Every move of a case leaves a history row and an audit row, in the transaction of the move. */
@ApplicationScoped
public class AidCaseHistory {
    private final AidCaseRepository cases;
    private final AuditLog audit;

    public AidCaseHistory(AidCaseRepository cases, AuditLog audit) {
        this.cases = cases;
        this.audit = audit;
    }

    /** {@code caller} null: the system moved the case. */
    public Uni<Void> record(
            UUID id, Caller caller, AidCaseStatus from, AidCaseStatus to, String note, OffsetDateTime at) {
        String by = caller == null ? "system" : caller.subject();
        AuditEntry entry = caller == null
                ? AuditEntry.system("AID_CASE_" + to.name(), "aid_case", id.toString(), Map.of())
                : AuditEntry.of(
                        caller,
                        "AID_CASE_" + to.name(),
                        "aid_case",
                        id.toString(),
                        Map.of("from", String.valueOf(from)));
        return cases.appendHistory(AidCaseHistoryEntity.of(id, at, by, from, to, note))
                .flatMap(x -> audit.recordInEntityTransaction(entry));
    }
}
