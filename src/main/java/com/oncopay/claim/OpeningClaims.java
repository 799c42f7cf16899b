package com.oncopay.claim;

import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.PrescriptionConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Opens the liability claim of a direct-paid dispense inside the dispense's transaction (004: 「垫付结论不等于理赔结论」).
 * The claim application (理赔申请书) is handed in with the dispense, so the investigation is counted from the dispense
 * (004: 「理赔核责调查时效：首次申请需15个工作日，非首次申请需5个工作日」): both dates are counted here and the insert
 * keeps the first one when the member has no earlier claim that was not withdrawn — one statement, no extra round trip.
 */
@ApplicationScoped
public class OpeningClaims {
    private final ClaimRepository repository;
    private final CalendarRegistry calendars;
    private final PrescriptionConfig config;

    public OpeningClaims(ClaimRepository repository, CalendarRegistry calendars, PrescriptionConfig config) {
        this.repository = repository;
        this.calendars = calendars;
        this.config = config;
    }

    /** What a dispense claims: the insurer's share of it, for the member on the policy. */
    public record Dispensed(
            UUID dispenseId,
            UUID prescriptionId,
            String memberId,
            String policyNumber,
            String drugId,
            long insurerPaysFen,
            OffsetDateTime at) {}

    public Uni<Void> open(Tx tx, Dispensed d) {
        BusinessCalendar calendar = calendars.current();
        var from = d.at().atZoneSameInstant(BusinessCalendar.ZONE);
        BusinessCalendar.Deadline first = calendar.endOfNthBusinessDayAfter(from, config.firstClaimInvestigationDays());
        BusinessCalendar.Deadline later = calendar.endOfNthBusinessDayAfter(from, config.laterClaimInvestigationDays());
        return repository.open(
                tx,
                d,
                new ClaimRepository.Due(
                        first.at().toOffsetDateTime(),
                        first.provisional(),
                        later.at().toOffsetDateTime(),
                        later.provisional()));
    }
}
