package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.SocialInsuranceFiling;
import com.oncopay.coverage.CoverageApi.SocialInsuranceFilingRequest;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * Records a member's social-insurance filing (医保备案, docs/RULES.md): city, day, out of town. The
 * same filing twice changes nothing and answers the same; a change is written with its audit row in
 * one transaction.
 */
@ApplicationScoped
public class RecordingSocialInsuranceFiling {
    private final Transactions transactions;
    private final AuditLog audit;
    private final PolicyRepository members;
    private final Clock clock;

    public RecordingSocialInsuranceFiling(
            Transactions transactions, AuditLog audit, PolicyRepository members, Clock clock) {
        this.transactions = transactions;
        this.audit = audit;
        this.members = members;
        this.clock = clock;
    }

    public Uni<SocialInsuranceFiling> record(String memberId, SocialInsuranceFilingRequest r, Caller caller) {
        FieldErrors errors = new FieldErrors().date("filedOn", r.filedOn());
        if (r.filedOn().isAfter(LocalDate.now(clock))) errors.add("filedOn", "INVALID", "must not be in the future");
        errors.throwIfAny();
        String city = r.city().strip();
        boolean outOfTown = r.outOfTown();
        return transactions
                .inEntityTransaction(() -> members.lockMember(memberId).flatMap(m -> {
                    if (m == null) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
                    if (city.equals(m.siFilingCity)
                            && r.filedOn().equals(m.siFilingDate)
                            && Objects.equals(outOfTown, m.siFilingOutOfTown))
                        return Uni.createFrom().voidItem();
                    String before = m.siFilingDate == null ? "none" : m.siFilingCity + " " + m.siFilingDate;
                    m.siFilingCity = city;
                    m.siFilingDate = r.filedOn();
                    m.siFilingOutOfTown = outOfTown;
                    m.updatedAt = OffsetDateTime.now(clock);
                    return members.saveMember()
                            .chain(() -> audit.recordInEntityTransaction(AuditEntry.of(
                                    caller,
                                    "SOCIAL_INSURANCE_FILING_RECORDED",
                                    "member",
                                    memberId,
                                    Map.of(
                                            "city", city,
                                            "filedOn", r.filedOn().toString(),
                                            "outOfTown", outOfTown,
                                            "before", before))));
                }))
                .replaceWith(new SocialInsuranceFiling(memberId, city, r.filedOn(), outOfTown));
    }
}
