package com.oncopay.prescription;

import com.oncopay.calendar.OpenDueDates;
import com.oncopay.calendar.domain.BusinessCalendar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * When an official year is loaded: the review and investigation due dates of prescriptions still
 * open (in review, approved, or dispensed with the claim investigation running) that were counted
 * on provisional days are counted again, from the same receipt time.
 */
@ApplicationScoped
public class PrescriptionDueDates implements OpenDueDates {
    private final PrescriptionService prescriptions;

    public PrescriptionDueDates(PrescriptionService prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public String items() {
        return "prescriptions";
    }

    @Override
    public Uni<Integer> recompute(SqlClient tx, BusinessCalendar calendar) {
        return OpenDueDates.recount(
                tx,
                "select id, received_at, first_claim, review_due_by, investigation_due_by from prescription "
                        + "where calendar_provisional and status in ('PENDING_REVIEW', 'INFO_REQUESTED', 'APPROVED', 'DISPENSED') "
                        + "and review_due_by is not null for update",
                "update prescription set review_due_by = $2, investigation_due_by = $3, calendar_provisional = $4 where id = $1",
                r -> {
                    PrescriptionService.DueDates due = prescriptions.dueDates(
                            calendar,
                            r.getOffsetDateTime("received_at").atZoneSameInstant(BusinessCalendar.ZONE),
                            r.getBoolean("first_claim"));
                    boolean moved = !due.review()
                                    .toInstant()
                                    .equals(r.getOffsetDateTime("review_due_by").toInstant())
                            || !due.investigation()
                                    .toInstant()
                                    .equals(r.getOffsetDateTime("investigation_due_by")
                                            .toInstant());
                    return new Recount(
                            Tuple.of(r.getUUID("id"), due.review(), due.investigation(), due.provisional()), moved);
                });
    }
}
