package com.oncopay.prescription;

import com.oncopay.calendar.OpenDueDates;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.PrescriptionDueDatesRepository.ProvisionalDueDates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The review and claim-investigation due dates of a prescription, counted in business days from
 * its receipt. When an official year is loaded, the due dates of prescriptions still open (in
 * review, approved, or dispensed with the claim investigation running) that were counted on
 * provisional days are counted again, from the same receipt time.
 */
@ApplicationScoped
public class PrescriptionDueDates implements OpenDueDates {
    private final PrescriptionConfig config;
    private final PrescriptionDueDatesRepository repository;

    public PrescriptionDueDates(PrescriptionConfig config, PrescriptionDueDatesRepository repository) {
        this.config = config;
        this.repository = repository;
    }

    /** The due dates of a prescription that needs review. */
    public record DueDates(OffsetDateTime review, OffsetDateTime investigation, boolean provisional) {
        public static final DueDates NONE = new DueDates(null, null, false);
    }

    public DueDates count(BusinessCalendar calendar, ZonedDateTime received, boolean firstClaim) {
        BusinessCalendar.Deadline review = calendar.endOfNthBusinessDayAfter(received, 1);
        BusinessCalendar.Deadline investigation = calendar.endOfNthBusinessDayAfter(
                received, firstClaim ? config.firstClaimInvestigationDays() : config.laterClaimInvestigationDays());
        return new DueDates(
                review.at().toOffsetDateTime(),
                investigation.at().toOffsetDateTime(),
                review.provisional() || investigation.provisional());
    }

    @Override
    public String items() {
        return "prescriptions";
    }

    @Override
    public Uni<Integer> recompute(Tx tx, BusinessCalendar calendar) {
        return repository.provisionalDueDatesForUpdate(tx).flatMap(open -> {
            Map<UUID, DueDates> recounted = new LinkedHashMap<>();
            int moved = 0;
            for (ProvisionalDueDates p : open) {
                DueDates byReceipt =
                        count(calendar, p.receivedAt().atZoneSameInstant(BusinessCalendar.ZONE), p.firstClaim());
                // the review is counted from the answer to a request for information when there was one (#20)
                BusinessCalendar.Deadline review =
                        calendar.endOfNthBusinessDayAfter(p.reviewFrom().atZoneSameInstant(BusinessCalendar.ZONE), 1);
                DueDates due = new DueDates(
                        review.at().toOffsetDateTime(),
                        byReceipt.investigation(),
                        byReceipt.provisional() || review.provisional());
                if (!due.review().toInstant().equals(p.reviewDueBy().toInstant())
                        || !due.investigation()
                                .toInstant()
                                .equals(p.investigationDueBy().toInstant())) moved++;
                recounted.put(p.id(), due);
            }
            int n = moved;
            return repository.updateDueDates(tx, recounted).replaceWith(n);
        });
    }
}
