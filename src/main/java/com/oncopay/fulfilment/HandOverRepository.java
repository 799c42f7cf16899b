package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.HandOverDocuments.Checklist;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** What was collected when the drug was handed over (V13 hand_over, append-only), stored with the dispense. */
@ApplicationScoped
public class HandOverRepository {
    /** A hand-over row; the collector's name and identity number still sealed (null when the member collected). */
    public record Stored(
            UUID dispenseId,
            UUID fulfilmentId,
            String pharmacyCode,
            OffsetDateTime at,
            Checklist documents,
            String collectorRelation,
            byte[] collectorNameEnc,
            byte[] collectorIdEnc,
            Boolean powerOfAttorneySeen,
            Boolean memberIdSeen) {}

    public Uni<Void> insert(Tx tx, Stored h) {
        Checklist d = h.documents();
        return tx.client()
                .preparedQuery("""
                        insert into hand_over (dispense_id, fulfilment_id, prescription_original, claim_application_form,
                        benefit_payment_authorisation, collection_confirmation, insured_id_copy, collector_relation,
                        collector_name_enc, collector_id_enc, power_of_attorney_seen, member_id_seen, at)
                        values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)""")
                .execute(Tuple.from(new Object[] {
                    h.dispenseId(),
                    h.fulfilmentId(),
                    d.prescriptionOriginal(),
                    d.claimApplicationForm(),
                    d.benefitPaymentAuthorisation(),
                    d.collectionConfirmation(),
                    d.insuredIdCopy(),
                    h.collectorRelation(),
                    h.collectorNameEnc() == null ? null : Buffer.buffer(h.collectorNameEnc()),
                    h.collectorIdEnc() == null ? null : Buffer.buffer(h.collectorIdEnc()),
                    h.powerOfAttorneySeen(),
                    h.memberIdSeen(),
                    h.at()
                }))
                .replaceWithVoid();
    }

    /** The hand-over of a fulfilment's current dispense, with the pharmacy that handed it over. */
    public Uni<Optional<Stored>> ofFulfilment(Tx tx, UUID fulfilmentId) {
        return tx.client()
                .preparedQuery("""
                        select h.*, f.pharmacy_code from fulfilment f join hand_over h on h.dispense_id = f.dispense_id
                        where f.id = $1""")
                .execute(Tuple.of(fulfilmentId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(row(rows.iterator().next()))
                        : Optional.empty());
    }

    private static Stored row(Row r) {
        return new Stored(
                r.getUUID("dispense_id"),
                r.getUUID("fulfilment_id"),
                r.getString("pharmacy_code"),
                r.getOffsetDateTime("at"),
                new Checklist(
                        r.getBoolean("prescription_original"),
                        r.getBoolean("claim_application_form"),
                        r.getBoolean("benefit_payment_authorisation"),
                        r.getBoolean("collection_confirmation"),
                        r.getBoolean("insured_id_copy")),
                r.getString("collector_relation"),
                bytes(r, "collector_name_enc"),
                bytes(r, "collector_id_enc"),
                r.getBoolean("power_of_attorney_seen"),
                r.getBoolean("member_id_seen"));
    }

    private static byte[] bytes(Row r, String column) {
        var b = r.getBuffer(column);
        return b == null ? null : b.getBytes();
    }
}
