package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.db.Constraints;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Redemption's rows: the order behind a pickup code, claiming it, failed attempts and their lock,
 * and what a dispense writes next to the money (the fulfilment's dispense, the prescription, trace codes).
 */
@ApplicationScoped
public class RedemptionRepository {
    /**
     * The columns {@link #order(Row)} reads and the joins they come from, for every query of an order
     * ({@code f} the fulfilment): a column the order gains is added here once.
     */
    static final String ORDER_COLUMNS = """
            f.id, f.prescription_id, f.member_id, f.pharmacy_code, f.mode, f.status, f.expires_at,
            f.failed_attempts, f.locked_until, m.id_number_hash, m.name, p.policy_number, p.tier, p.drug_id, p.packs,
            p.pack_size, pp.price_fen, pol.effective_date as cover_from, pol.last_covered_on as cover_to""";

    static final String ORDER_FROM = """
            from fulfilment f join member m on m.member_id = f.member_id join prescription p on p.id = f.prescription_id
            left join policy pol on pol.policy_number = p.policy_number
            left join pharmacy_price pp on pp.pharmacy_code = f.pharmacy_code and pp.drug_id = p.drug_id
            """;

    private static final String BY_CODE = "select " + ORDER_COLUMNS + "\n" + ORDER_FROM + "where f.code_hash = $1";

    public Uni<Optional<FulfilmentOrder>> byCode(Tx tx, byte[] codeHash) {
        return tx.client()
                .preparedQuery(BY_CODE)
                .execute(Tuple.of(Buffer.buffer(codeHash)))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(order(rows.iterator().next()))
                        : Optional.empty());
    }

    /**
     * Marks a reserved, unexpired, unlocked pickup REDEEMED and links it to the dispense written later in the
     * transaction (the reference is checked at the commit, V25); false when another redemption (or a lock) came first.
     */
    public Uni<Boolean> claim(Tx tx, UUID fulfilmentId, OffsetDateTime now, UUID dispenseId) {
        return tx.client()
                .preparedQuery("""
                        update fulfilment set status = $3, updated_at = $2, dispense_id = $5
                        where id = $1 and status = $4 and expires_at > $2
                        and (locked_until is null or locked_until <= $2) returning id""")
                .execute(Tuple.of(
                        fulfilmentId,
                        now,
                        FulfilmentStatus.REDEEMED.name(),
                        FulfilmentStatus.RESERVED.name(),
                        dispenseId))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<AttemptLock.State> lockAttempts(Tx tx, UUID fulfilmentId) {
        return tx.client()
                .preparedQuery("select failed_attempts, locked_until from fulfilment where id = $1 for update")
                .execute(Tuple.of(fulfilmentId))
                .map(rows -> FulfilmentRepository.attempts(rows.iterator().next()));
    }

    public Uni<Void> saveAttempts(Tx tx, UUID fulfilmentId, AttemptLock.State s, ZoneOffset offset) {
        return tx.client()
                .preparedQuery("update fulfilment set failed_attempts = $2, locked_until = $3 where id = $1")
                .execute(Tuple.of(
                        fulfilmentId,
                        s.failedAttempts(),
                        s.lockedUntil() == null ? null : s.lockedUntil().atOffset(offset)))
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(Tx tx, String pharmacy, UUID fulfilmentId, String reason, OffsetDateTime at) {
        return tx.client()
                .preparedQuery(
                        "insert into redemption_failure (pharmacy_code, fulfilment_id, reason, at) values ($1,$2,$3,$4)")
                .execute(Tuple.of(pharmacy, fulfilmentId, reason, at))
                .replaceWithVoid();
    }

    public Uni<Void> prescriptionDispensed(Tx tx, UUID prescriptionId, LocalDate on) {
        return tx.client()
                .preparedQuery("update prescription set status = $3, dispensed_on = $2 where id = $1")
                .execute(Tuple.of(prescriptionId, on, PrescriptionStatus.DISPENSED.name()))
                .replaceWithVoid();
    }

    /** The drug's trace codes (upper case, each once); one already dispensed is refused (TRACE_CODE_ALREADY_DISPENSED). */
    public Uni<Void> traceCodes(Tx tx, List<String> codes, UUID dispenseId, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("insert into trace_code (code, dispense_id, at) values ($1, $2, $3)")
                .executeBatch(codes.stream()
                        .distinct()
                        .map(c -> Tuple.of(c.toUpperCase(Locale.ROOT), dispenseId, at))
                        .toList())
                .onFailure(PgException.class)
                .transform(e -> Constraints.uniqueViolated(e, "trace_code_pkey")
                        ? Refused.conflict("TRACE_CODE_ALREADY_DISPENSED")
                        : e)
                .replaceWithVoid();
    }

    static FulfilmentOrder order(Row f) {
        return new FulfilmentOrder(
                f.getUUID("id"),
                f.getUUID("prescription_id"),
                f.getString("member_id"),
                f.getString("pharmacy_code"),
                FulfilmentApi.Mode.valueOf(f.getString("mode")),
                FulfilmentStatus.valueOf(f.getString("status")),
                f.getOffsetDateTime("expires_at"),
                FulfilmentRepository.attempts(f),
                f.getBuffer("id_number_hash").getBytes(),
                f.getString("name"),
                f.getString("policy_number"),
                f.getShort("tier"),
                f.getString("drug_id"),
                f.getInteger("packs"),
                f.getString("pack_size"),
                f.getLong("price_fen"),
                f.getLocalDate("cover_from"),
                f.getLocalDate("cover_to"));
    }
}
