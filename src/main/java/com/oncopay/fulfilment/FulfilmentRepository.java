package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.db.Constraints;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The fulfilment rows: choosing, cancelling, the member's list, the held code and the delivery address. */
@ApplicationScoped
public class FulfilmentRepository {
    /** What choosing needs: the prescription, its member, and the pharmacy asked for ({@code pharmacy} null if none). */
    public record ChoiceFacts(
            String memberId,
            String prescriptionStatus,
            String drugId,
            int packs,
            String memberName,
            boolean socialInsurance,
            String pharmacy,
            Boolean designated,
            Boolean pharmacyColdChain,
            String pharmacyCity,
            Long priceFen,
            String prescriptionHospital,
            Boolean pharmacySettlesSocialInsurance,
            boolean filingRecorded,

            /* the policy's last day of cover (policy.last_covered_on: before its expiry once cancelled) */
            java.time.LocalDate policyExpiry) {}

    public record NewFulfilment(
            UUID id,
            UUID prescriptionId,
            String memberId,
            String pharmacyCode,
            FulfilmentApi.Mode mode,
            byte[] codeHash,
            FulfilmentStatus status,
            OffsetDateTime expiresAt,
            OffsetDateTime promisedBy,
            boolean calendarProvisional,
            byte[] addressEnc,
            String deliveryCity,
            OffsetDateTime createdAt,
            String hospitalCode) {}

    public record HeldCode(String memberId, byte[] codeHash) {}

    public record Cancellable(
            String memberId,
            String pharmacyCode,
            FulfilmentStatus status,
            UUID prescriptionId,
            String drugId,
            int packs,
            String mode,
            String memberName) {}

    public record SealedAddress(String pharmacyCode, byte[] encrypted) {}

    public Uni<Optional<ChoiceFacts>> choiceFacts(Tx tx, UUID prescriptionId, String pharmacyCode) {
        return tx.client()
                .preparedQuery("""
                        select p.member_id, p.status, p.drug_id, p.packs, p.prescribed_on, m.name, m.social_insurance,
                        ph.designated, ph.cold_chain, ph.city as pharmacy_city, ph.code as pharmacy, pp.price_fen,
                        p.hospital_code, ph.social_insurance_settlement, m.si_filing_date is not null as filed,
                        pol.last_covered_on as policy_expiry
                        from prescription p join member m on m.member_id = p.member_id
                        left join policy pol on pol.policy_number = p.policy_number
                        left join pharmacy ph on ph.code = $2
                        left join pharmacy_price pp on pp.pharmacy_code = ph.code and pp.drug_id = p.drug_id
                        where p.id = $1""")
                .execute(Tuple.of(prescriptionId, pharmacyCode))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row p = rows.iterator().next();
                    return Optional.of(new ChoiceFacts(
                            p.getString("member_id"),
                            p.getString("status"),
                            p.getString("drug_id"),
                            p.getInteger("packs"),
                            p.getString("name"),
                            p.getBoolean("social_insurance"),
                            p.getString("pharmacy"),
                            p.getBoolean("designated"),
                            p.getBoolean("cold_chain"),
                            p.getString("pharmacy_city"),
                            p.getLong("price_fen"),
                            p.getString("hospital_code"),
                            p.getBoolean("social_insurance_settlement"),
                            p.getBoolean("filed"),
                            p.getLocalDate("policy_expiry")));
                });
    }

    /** Inserts a new fulfilment; a second active one for the prescription is refused (FULFILMENT_EXISTS). */
    public Uni<Void> insert(Tx tx, NewFulfilment f) {
        return tx.client()
                .preparedQuery("""
                        insert into fulfilment (id, prescription_id, member_id, pharmacy_code, mode, code_hash, status,
                        expires_at, promised_by, calendar_provisional, address_enc, delivery_city, created_at, updated_at,
                        hospital_code)
                        values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13,$14)""")
                .execute(Tuple.from(new Object[] {
                    f.id(),
                    f.prescriptionId(),
                    f.memberId(),
                    f.pharmacyCode(),
                    f.mode().name(),
                    Buffer.buffer(f.codeHash()),
                    f.status().name(),
                    f.expiresAt(),
                    f.promisedBy(),
                    f.calendarProvisional(),
                    f.addressEnc() == null ? null : Buffer.buffer(f.addressEnc()),
                    f.deliveryCity(),
                    f.createdAt(),
                    f.hospitalCode()
                }))
                .onFailure(PgException.class)
                .transform(e -> Constraints.uniqueViolated(e, "fulfilment_one_active")
                        ? Refused.conflict("FULFILMENT_EXISTS")
                        : e)
                .replaceWithVoid();
    }

    public Uni<Optional<HeldCode>> heldCode(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select member_id, code_hash from fulfilment where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row f = rows.iterator().next();
                    return Optional.of(new HeldCode(
                            f.getString("member_id"), f.getBuffer("code_hash").getBytes()));
                });
    }

    /** The fulfilment to cancel, locked for the transaction. */
    public Uni<Optional<Cancellable>> lockForCancel(Tx tx, UUID id) {
        return tx.client().preparedQuery("""
                        select f.member_id, f.pharmacy_code, f.status, f.prescription_id, p.drug_id, p.packs, f.mode, m.name
                        from fulfilment f join prescription p on p.id = f.prescription_id
                        join member m on m.member_id = f.member_id
                        where f.id = $1 for update of f""").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row f = rows.iterator().next();
            return Optional.of(new Cancellable(
                    f.getString("member_id"),
                    f.getString("pharmacy_code"),
                    FulfilmentStatus.valueOf(f.getString("status")),
                    f.getUUID("prescription_id"),
                    f.getString("drug_id"),
                    f.getInteger("packs"),
                    f.getString("mode"),
                    f.getString("name")));
        });
    }

    public Uni<Void> setStatus(Tx tx, UUID id, FulfilmentStatus status, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("update fulfilment set status = $3, updated_at = $2 where id = $1")
                .execute(Tuple.of(id, at, status.name()))
                .replaceWithVoid();
    }

    /** A member's fulfilments, newest first (at most 100). */
    public Uni<List<FulfilmentApi.FulfilmentView>> ofMember(Tx tx, String memberId, Instant now) {
        return tx.client().preparedQuery("""
                        select f.id, f.prescription_id, f.mode, f.pharmacy_code, h.name as pharmacy_name, f.status,
                        f.expires_at, f.promised_by, f.calendar_provisional, f.tracking_no, f.updated_at, p.drug_id, p.packs
                        from fulfilment f join prescription p on p.id = f.prescription_id
                        join pharmacy h on h.code = f.pharmacy_code
                        where f.member_id = $1 order by f.created_at desc, f.id limit 100""").execute(Tuple.of(memberId)).map(rows -> {
            List<FulfilmentApi.FulfilmentView> out = new ArrayList<>();
            for (Row f : rows) {
                OffsetDateTime promised = f.getOffsetDateTime("promised_by");
                FulfilmentStatus status = FulfilmentStatus.valueOf(f.getString("status"));
                out.add(new FulfilmentApi.FulfilmentView(
                        f.getUUID("id").toString(),
                        f.getUUID("prescription_id").toString(),
                        f.getString("drug_id"),
                        f.getInteger("packs"),
                        FulfilmentApi.Mode.valueOf(f.getString("mode")),
                        f.getString("pharmacy_code"),
                        f.getString("pharmacy_name"),
                        status.name(),
                        Ids.local(f.getOffsetDateTime("expires_at")),
                        Ids.local(promised),
                        f.getBoolean("calendar_provisional"),
                        status.overdue(promised == null ? null : promised.toInstant(), now),
                        f.getString("tracking_no"),
                        Ids.local(f.getOffsetDateTime("updated_at"))));
            }
            return out;
        });
    }

    public Uni<Optional<SealedAddress>> deliveryAddress(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select pharmacy_code, address_enc from fulfilment where id = $1 and mode = $2")
                .execute(Tuple.of(id, FulfilmentApi.Mode.DELIVERY.name()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row f = rows.iterator().next();
                    return Optional.of(new SealedAddress(
                            f.getString("pharmacy_code"),
                            f.getBuffer("address_enc").getBytes()));
                });
    }

    static AttemptLock.State attempts(Row f) {
        OffsetDateTime until = f.getOffsetDateTime("locked_until");
        return new AttemptLock.State(f.getInteger("failed_attempts"), until == null ? null : until.toInstant());
    }
}
