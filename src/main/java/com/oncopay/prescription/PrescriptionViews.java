package com.oncopay.prescription;

import com.oncopay.platform.error.Problem;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.PrescriptionApi.PrescriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** A stored prescription as answered: reasons in the caller's language, overdue by the business clock. */
@ApplicationScoped
public class PrescriptionViews {
    private final Clock clock;

    public PrescriptionViews(Clock clock) {
        this.clock = clock;
    }

    public PrescriptionView view(StoredPrescription p, Locale locale) {
        List<Problem.Reason> reasons = p.reasons().stream()
                .map(c -> new Problem.Reason(c, Messages.title(locale, c)))
                .toList();
        boolean overdue = p.reviewDueBy() != null
                && p.status().inQueue()
                && OffsetDateTime.now(clock).isAfter(p.reviewDueBy());
        return new PrescriptionView(
                p.id().toString(),
                p.memberId(),
                p.drugId(),
                p.packs(),
                p.packSize(),
                p.daysSupply(),
                p.prescribedOn(),
                p.status().name(),
                reasons,
                p.missingFacts(),
                p.tier(),
                p.catalogVersion(),
                p.policyNumber(),
                Ids.local(p.receivedAt()),
                Ids.local(p.reviewDueBy()),
                Ids.local(p.investigationDueBy()),
                p.calendarProvisional(),
                overdue,
                Ids.local(p.decidedAt()),
                p.hospitalCode(),
                p.infoDueOn(),
                p.information());
    }
}
