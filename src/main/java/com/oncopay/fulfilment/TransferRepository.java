package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Hospital transfers of cell therapies: one with its order, its status moves and the hospital's signed receipt. */
@ApplicationScoped
public class TransferRepository {
    private static final String TRANSFER =
            "select " + RedemptionRepository.ORDER_COLUMNS + ", f.hospital_code, f.tracking_no\n"
                    + RedemptionRepository.ORDER_FROM + "where f.id = $1 and f.mode = $2";

    /** A transfer: its order, the hospital it goes to and its waybill. */
    public record Transfer(FulfilmentOrder order, String hospitalCode, String trackingNo) {}

    /** What the pharmacy copies from the hospital's signed receipt. */
    public record Receipt(String ward, String receivedBy, OffsetDateTime receivedAt, String receiptNo) {}

    public Uni<Optional<Transfer>> transfer(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery(TRANSFER)
                .execute(Tuple.of(id, FulfilmentApi.Mode.HOSPITAL.name()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row f = rows.iterator().next();
                    return Optional.of(new Transfer(
                            RedemptionRepository.order(f), f.getString("hospital_code"), f.getString("tracking_no")));
                });
    }

    /**
     * Marks a transfer in transit HOSPITAL_RECEIVED with the receipt, linked to the dispense written later in the
     * transaction (checked at the commit, V25); false when it was no longer in transit.
     */
    public Uni<Boolean> receive(Tx tx, UUID id, Receipt r, OffsetDateTime now, UUID dispenseId) {
        return tx.client()
                .preparedQuery("""
                        update fulfilment set status = $2, received_ward = $3, received_by = $4, received_at = $5,
                        receipt_no = $6, updated_at = $7, dispense_id = $9 where id = $1 and status = $8 returning id""")
                .execute(Tuple.from(new Object[] {
                    id,
                    FulfilmentStatus.HOSPITAL_RECEIVED.name(),
                    r.ward(),
                    r.receivedBy(),
                    r.receivedAt(),
                    r.receiptNo(),
                    now,
                    FulfilmentStatus.IN_TRANSFER.name(),
                    dispenseId
                }))
                .map(rows -> rows.iterator().hasNext());
    }
}
