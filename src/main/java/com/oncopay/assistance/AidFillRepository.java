package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What the money of a direct-pay fill needs to know about aid, read on the caller's {@link Tx}
 * (the redemption's transaction: this runs on the money hot path, on the Vert.x SQL client,
 * never on a connection of its own).
 */
@ApplicationScoped
public class AidFillRepository {
    private static final String FILL_HISTORY = """
            select m.mainland_citizen,
                   (select count(*) from dispense d join prescription p on p.id = d.prescription_id
                     where p.member_id = m.member_id and p.drug_id = $2 and d.kind = 'DISPENSE'
                       and not exists (select 1 from dispense r where r.reverses = d.id)) as fills,
                   (select c.status || ':' || coalesce(c.refusal_reason, '') from aid_case c
                     where c.member_id = m.member_id and c.drug_id = $2
                     order by c.created_at desc limit 1) as latest
            from member m where m.member_id = $1""";

    /**
     * The member's unreversed dispenses of the drug and latest aid case for it ({@code latestStatus}
     * null when there is none); empty when there is no such member.
     */
    public record FillHistory(boolean mainlandCitizen, long fills, AidCaseStatus latestStatus, String refusalReason) {}

    public Uni<Optional<FillHistory>> fillHistory(Tx tx, String memberId, String drugId) {
        return tx.client()
                .preparedQuery(FILL_HISTORY)
                .execute(Tuple.of(memberId, drugId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row r = rows.iterator().next();
                    String latest = r.getString("latest");
                    AidCaseStatus status = null;
                    String reason = null;
                    if (latest != null) {
                        String[] parts = latest.split(":", -1);
                        status = AidCaseStatus.valueOf(parts[0]);
                        reason = parts[1].isEmpty() ? null : parts[1];
                    }
                    return Optional.of(
                            new FillHistory(r.getBoolean("mainland_citizen"), r.getLong("fills"), status, reason));
                });
    }
}
