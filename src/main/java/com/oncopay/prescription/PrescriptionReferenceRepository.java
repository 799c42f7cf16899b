package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads of other features' tables that prescriptions are decided on: the member's id-number
 * hash and the hospital for a submission, the pharmacy's open fulfilments and contract price for an
 * estimate. Every method runs on the unit of work's {@link Tx}.
 */
@ApplicationScoped
public class PrescriptionReferenceRepository {
    /** A pharmacy as the estimate sees it: designated or not, and its contract price of the drug if any. */
    public record PharmacyPrice(boolean designated, Long priceFen) {}

    /** The hash of the member's id number (null when unknown): a SELF applicant must match it. */
    public Uni<byte[]> memberIdHash(Tx tx, String memberId) {
        return tx.client()
                .preparedQuery("select id_number_hash from member where member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> rows.iterator().hasNext()
                        ? rows.iterator().next().getBuffer(0).getBytes()
                        : null);
    }

    public Uni<Boolean> hospitalExists(Tx tx, String hospitalCode) {
        return tx.client()
                .preparedQuery("select 1 from hospital where code = $1")
                .execute(Tuple.of(hospitalCode))
                .map(rows -> rows.iterator().hasNext());
    }

    /**
     * Whether the pharmacy has an open pickup or delivery of the prescription. The open states are
     * fulfilment's ({@code FulfilmentStatus}), named here because fulfilment depends on prescription
     * and not the other way round.
     */
    public Uni<Boolean> pharmacyHasOpenFulfilment(Tx tx, UUID prescriptionId, String pharmacyCode) {
        return tx.client()
                .preparedQuery("""
                        select 1 from fulfilment where prescription_id = $1 and pharmacy_code = $2
                        and status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED')""")
                .execute(Tuple.of(prescriptionId, pharmacyCode))
                .map(rows -> rows.iterator().hasNext());
    }

    /** The pharmacy, if it exists, with its contract price of the drug. */
    public Uni<Optional<PharmacyPrice>> pharmacyPrice(Tx tx, String pharmacyCode, String drugId) {
        return tx.client()
                .preparedQuery("""
                        select pp.price_fen, ph.designated from pharmacy ph left join pharmacy_price pp
                        on pp.pharmacy_code = ph.code and pp.drug_id = $2 where ph.code = $1""")
                .execute(Tuple.of(pharmacyCode, drugId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row r = rows.iterator().next();
                    return Optional.of(new PharmacyPrice(r.getBoolean("designated"), r.getLong("price_fen")));
                });
    }
}
