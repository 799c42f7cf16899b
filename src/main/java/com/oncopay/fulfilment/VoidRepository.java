package com.oncopay.fulfilment;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The member's fulfilments still open (a code not yet handed over, a delivery under way), voided together. */
@ApplicationScoped
public class VoidRepository {
    /** An open fulfilment, as its pharmacy's event needs it. */
    public record Open(
            UUID id,
            UUID prescriptionId,
            String pharmacyCode,
            String status,
            String drugId,
            int packs,
            String mode,
            String memberName) {}

    /** Locks and returns the member's open fulfilments (of prescriptions on {@code policyNumber} only, when given). */
    public Uni<List<Open>> lockOpen(Tx tx, String memberId, String policyNumber) {
        return tx.client()
                .preparedQuery("""
                        select f.id, f.prescription_id, f.pharmacy_code, f.status, p.drug_id, p.packs, f.mode, m.name
                        from fulfilment f join prescription p on p.id = f.prescription_id
                        join member m on m.member_id = f.member_id
                        where f.member_id = $1 and ($2::text is null or p.policy_number = $2) and f.status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'AWAITING_TRANSFER', 'IN_TRANSFER')
                        order by f.created_at, f.id for update of f""")
                .execute(Tuple.of(memberId, policyNumber))
                .map(rows -> {
                    List<Open> out = new ArrayList<>();
                    for (Row f : rows)
                        out.add(new Open(
                                f.getUUID("id"),
                                f.getUUID("prescription_id"),
                                f.getString("pharmacy_code"),
                                f.getString("status"),
                                f.getString("drug_id"),
                                f.getInteger("packs"),
                                f.getString("mode"),
                                f.getString("name")));
                    return out;
                });
    }

    public Uni<Void> cancel(Tx tx, UUID id, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("update fulfilment set status = 'CANCELLED', updated_at = $2 where id = $1")
                .execute(Tuple.of(id, at))
                .replaceWithVoid();
    }
}
