package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.PrescriptionDueDates.DueDates;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The recount of the due dates of open prescriptions counted on provisional days. */
@ApplicationScoped
public class PrescriptionDueDatesRepository {
    private static final String DUE_DATES_RUNNING =
            PrescriptionRepository.sqlList(PrescriptionStatus.where(PrescriptionStatus::dueDatesRunning));

    /** A prescription whose due dates were counted on a provisional day and still run. */
    public record ProvisionalDueDates(
            UUID id,
            OffsetDateTime receivedAt,
            boolean firstClaim,
            OffsetDateTime reviewDueBy,
            OffsetDateTime investigationDueBy,
            OffsetDateTime reviewFrom) {}

    /** The open prescriptions whose due dates were counted on a provisional day, locked for the recount. */
    public Uni<List<ProvisionalDueDates>> provisionalDueDatesForUpdate(Tx tx) {
        return tx.client()
                .preparedQuery("""
                        select id, received_at, first_claim, review_due_by, investigation_due_by,
                        coalesce(review_counted_from, received_at) as review_from from prescription
                        where calendar_provisional and status in (%s)
                        and review_due_by is not null for update""".formatted(DUE_DATES_RUNNING))
                .execute()
                .map(rows -> {
                    List<ProvisionalDueDates> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new ProvisionalDueDates(
                                r.getUUID("id"),
                                r.getOffsetDateTime("received_at"),
                                r.getBoolean("first_claim"),
                                r.getOffsetDateTime("review_due_by"),
                                r.getOffsetDateTime("investigation_due_by"),
                                r.getOffsetDateTime("review_from")));
                    return out;
                });
    }

    /** Writes the recounted due dates in one batch. */
    public Uni<Void> updateDueDates(Tx tx, Map<UUID, DueDates> recounted) {
        if (recounted.isEmpty()) return Uni.createFrom().voidItem();
        List<Tuple> updates = new ArrayList<>();
        recounted.forEach((id, due) -> updates.add(Tuple.of(id, due.review(), due.investigation(), due.provisional())));
        return tx.client().preparedQuery("""
                        update prescription set review_due_by = $2, investigation_due_by = $3, calendar_provisional = $4
                        where id = $1""").executeBatch(updates).replaceWithVoid();
    }
}
