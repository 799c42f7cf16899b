package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** The review queue's size and how much of it is overdue, for the operators' gauges. */
@ApplicationScoped
public class QueueFiguresRepository {
    private static final String IN_QUEUE =
            PrescriptionRepository.sqlList(PrescriptionStatus.where(PrescriptionStatus::inQueue));
    private static final String FIGURES = "select count(*) as depth, count(*) filter (where review_due_by < $1)"
            + " as overdue from prescription where status in (" + IN_QUEUE + ")";

    public record Figures(long depth, long overdue) {}

    public Uni<Figures> figures(Tx tx, OffsetDateTime now) {
        return tx.client().preparedQuery(FIGURES).execute(Tuple.of(now)).map(rows -> {
            Row r = rows.iterator().next();
            return new Figures(r.getLong("depth"), r.getLong("overdue"));
        });
    }
}
