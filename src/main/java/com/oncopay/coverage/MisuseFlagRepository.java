package com.oncopay.coverage;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The misuse flags of members ({@code misuse_flag}): at most one in force (not lifted) per member. */
@ApplicationScoped
public class MisuseFlagRepository {
    /** The flag in force. */
    public record InForce(UUID id, String reason, UUID prescriptionId, OffsetDateTime flaggedAt, String flaggedBy) {}

    /** Locks the member row for a flag or a lift (FOR UPDATE); false when there is no such member. */
    public Uni<Boolean> lockMember(Tx tx, String memberId) {
        return tx.client()
                .preparedQuery("select 1 from member where member_id = $1 for update")
                .execute(Tuple.of(memberId))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<Boolean> exists(Tx tx, String memberId) {
        return tx.client()
                .preparedQuery("select 1 from member where member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> rows.iterator().hasNext());
    }

    /**
     * Waits for a flag or lift of the member being committed (FOR KEY SHARE conflicts with the flag's FOR UPDATE;
     * a fulfilment's foreign key takes the same lock anyway), so the read that follows sees it.
     */
    public Uni<Void> awaitMember(Tx tx, String memberId) {
        return tx.client()
                .preparedQuery("select 1 from member where member_id = $1 for key share")
                .execute(Tuple.of(memberId))
                .replaceWithVoid();
    }

    public Uni<Optional<InForce>> inForce(Tx tx, String memberId) {
        return tx.client().preparedQuery("""
                        select id, reason, prescription_id, flagged_at, flagged_by from misuse_flag
                        where member_id = $1 and lifted_at is null""").execute(Tuple.of(memberId)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row f = rows.iterator().next();
            return Optional.of(new InForce(
                    f.getUUID("id"),
                    f.getString("reason"),
                    f.getUUID("prescription_id"),
                    f.getOffsetDateTime("flagged_at"),
                    f.getString("flagged_by")));
        });
    }

    /** Whether the prescription exists and is the member's. */
    public Uni<Boolean> prescriptionOf(Tx tx, String memberId, UUID prescriptionId) {
        return tx.client()
                .preparedQuery("select 1 from prescription where id = $1 and member_id = $2")
                .execute(Tuple.of(prescriptionId, memberId))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<Void> insert(
            Tx tx, UUID id, String memberId, UUID prescriptionId, String reason, String by, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("""
                        insert into misuse_flag (id, member_id, prescription_id, reason, flagged_by, flagged_at)
                        values ($1,$2,$3,$4,$5,$6)""")
                .execute(Tuple.from(new Object[] {id, memberId, prescriptionId, reason, by, at}))
                .replaceWithVoid();
    }

    public Uni<Void> lift(Tx tx, UUID id, String reason, String by, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("update misuse_flag set lifted_at = $2, lifted_by = $3, lift_reason = $4 where id = $1")
                .execute(Tuple.of(id, at, by, reason))
                .replaceWithVoid();
    }
}
