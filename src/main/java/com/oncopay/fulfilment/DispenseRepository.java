package com.oncopay.fulfilment;

import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Dispenses as the pharmacy sees them: one to reverse, and the lines of a settlement period. */
@ApplicationScoped
public class DispenseRepository {
    /** A dispense with its fulfilment and member (both null for a dispense without a fulfilment). */
    public record Redeemed(
            String pharmacyCode,
            OffsetDateTime at,
            UUID prescriptionId,
            String drugId,
            int packs,
            UUID fulfilmentId,
            String memberId,
            String memberName,
            boolean reversed) {}

    public record Line(UUID id, String kind, OffsetDateTime at, String drugId, int packs, long insurerPaysFen) {}

    public Uni<Optional<Redeemed>> redeemed(Tx tx, UUID dispenseId) {
        return tx.client().preparedQuery("""
                        select d.pharmacy_code, d.at, d.prescription_id, d.drug_id, d.packs, f.id as fulfilment_id,
                        f.member_id, m.name, exists (select 1 from dispense x where x.reverses = d.id) as reversed
                        from dispense d left join fulfilment f on f.dispense_id = d.id
                        left join member m on m.member_id = f.member_id
                        where d.id = $1 and d.kind = 'DISPENSE'""").execute(Tuple.of(dispenseId)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row d = rows.iterator().next();
            return Optional.of(new Redeemed(
                    d.getString("pharmacy_code"),
                    d.getOffsetDateTime("at"),
                    d.getUUID("prescription_id"),
                    d.getString("drug_id"),
                    d.getInteger("packs"),
                    d.getUUID("fulfilment_id"),
                    d.getString("member_id"),
                    d.getString("name"),
                    d.getBoolean("reversed")));
        });
    }

    /** After a reversal: the prescription can be fulfilled again. */
    public Uni<Void> prescriptionApprovedAgain(Tx tx, UUID prescriptionId) {
        return tx.client()
                .preparedQuery("""
                        update prescription set status = $2, dispensed_on = null
                        where id = $1 and status = $3""")
                .execute(Tuple.of(
                        prescriptionId, PrescriptionStatus.APPROVED.name(), PrescriptionStatus.DISPENSED.name()))
                .replaceWithVoid();
    }

    /** A pharmacy's dispenses and reversals in [{@code start}, {@code end}), in time order. */
    public Uni<List<Line>> lines(Tx tx, String pharmacy, OffsetDateTime start, OffsetDateTime end) {
        return tx.client()
                .preparedQuery("""
                        select d.id, d.kind, d.at, d.drug_id, d.packs, d.insurer_pays_fen from dispense d
                        where d.pharmacy_code = $1 and d.at >= $2 and d.at < $3 order by d.at, d.id""")
                .execute(Tuple.of(pharmacy, start, end))
                .map(rows -> {
                    List<Line> out = new ArrayList<>();
                    for (Row d : rows)
                        out.add(new Line(
                                d.getUUID("id"),
                                d.getString("kind"),
                                d.getOffsetDateTime("at"),
                                d.getString("drug_id"),
                                d.getInteger("packs"),
                                d.getLong("insurer_pays_fen")));
                    return out;
                });
    }

    /** A dispense of the pharmacy with its money and whether it was reversed: one line of the counter's recent list. */
    public record Recent(
            UUID id,
            OffsetDateTime at,
            String drugId,
            int packs,
            long totalFen,
            long insurerPaysFen,
            long memberPaysFen,
            boolean reversed) {}

    /** The pharmacy's dispenses (not reversals), newest first, one page of them, with their total count. */
    public Uni<List<Recent>> recent(Tx tx, String pharmacy, int page, int size) {
        return tx.client()
                .preparedQuery("""
                        select d.id, d.at, d.drug_id, d.packs, d.total_fen, d.insurer_pays_fen, d.member_pays_fen,
                        exists (select 1 from dispense x where x.reverses = d.id) as reversed
                        from dispense d where d.pharmacy_code = $1 and d.kind = 'DISPENSE'
                        order by d.at desc, d.id limit $2 offset $3""")
                .execute(Tuple.of(pharmacy, size, (long) page * size))
                .map(rows -> {
                    List<Recent> out = new ArrayList<>();
                    for (Row d : rows)
                        out.add(new Recent(
                                d.getUUID("id"),
                                d.getOffsetDateTime("at"),
                                d.getString("drug_id"),
                                d.getInteger("packs"),
                                d.getLong("total_fen"),
                                d.getLong("insurer_pays_fen"),
                                d.getLong("member_pays_fen"),
                                d.getBoolean("reversed")));
                    return out;
                });
    }

    public Uni<Long> countRecent(Tx tx, String pharmacy) {
        return tx.client()
                .preparedQuery("select count(*) from dispense where pharmacy_code = $1 and kind = 'DISPENSE'")
                .execute(Tuple.of(pharmacy))
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
