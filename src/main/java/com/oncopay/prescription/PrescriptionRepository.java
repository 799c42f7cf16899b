package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import com.oncopay.platform.web.Page;
import com.oncopay.prescription.domain.PrescriptionRules;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SQL of the {@code prescription} table: earlier prescriptions of a member, the stored
 * prescription, the review queue and its decisions. The reads of other features' tables a
 * decision needs are in {@link PrescriptionReferenceRepository}, the recount of provisional due
 * dates in {@link PrescriptionDueDatesRepository}. Every method runs on the unit of work's {@link Tx}.
 */
@ApplicationScoped
public class PrescriptionRepository {
    private static final String COLUMNS = """
            id, member_id, policy_number, product_code, drug_id, molecule_key, catalog_version, tier, packs, pack_size, days_supply,
            prescribed_on, status, reasons, decision_inputs -> 'missingFacts' as missing, received_at, review_due_by,
            investigation_due_by, calendar_provisional, decided_at, hospital_code, info_due_on, information""";

    /** Inlined (not a parameter) so that the partial index {@code prescription_queue} stays usable. */
    private static final String IN_QUEUE = sqlList(PrescriptionStatus.where(PrescriptionStatus::inQueue));

    /** A new prescription: the stored part and what is written but never read back here. */
    public record NewPrescription(
            StoredPrescription p,
            int validDays,
            String prescriberName,
            String hospitalCode,
            byte[] diagnosisEnc,
            byte[] clinicalEnc,
            String applicantRelation,
            Map<String, Object> decisionInputs,
            boolean firstClaim,
            String decidedBy,
            String createdBy) {}

    /** A reviewer's decision as written. {@code decidedAt} is kept only when {@code decides}. */
    public record ReviewUpdate(
            UUID id,
            PrescriptionStatus to,
            boolean decides,
            OffsetDateTime decidedAt,
            String decidedBy,
            String note,
            String reasonCode,
            java.time.LocalDate infoDueOn) {}

    // ------------------------------------------------------------------ the member's earlier prescriptions

    /** The member's earlier prescriptions, as the refill and duplicate-therapy rules see them. */
    public Uni<List<PrescriptionRules.Prior>> priors(Tx tx, String memberId) {
        return tx.client().preparedQuery("""
                        select molecule_key, status, dispensed_on, days_supply from prescription where member_id = $1""").execute(Tuple.of(memberId)).map(rows -> {
            List<PrescriptionRules.Prior> out = new ArrayList<>();
            for (Row p : rows) {
                String molecule = p.getString("molecule_key");
                out.add(new PrescriptionRules.Prior(
                        molecule == null ? "" : molecule,
                        PrescriptionStatus.valueOf(p.getString("status")).asPrior(),
                        p.getLocalDate("dispensed_on"),
                        p.getInteger("days_supply")));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ the prescription

    public Uni<Void> insert(Tx tx, NewPrescription n) {
        StoredPrescription p = n.p();
        Tuple row = Tuple.from(new Object[] {
            p.id(),
            p.memberId(),
            p.policyNumber(),
            p.productCode(),
            p.drugId(),
            p.moleculeKey(),
            p.catalogVersion(),
            p.tier() == null ? null : p.tier().shortValue(),
            p.packs(),
            p.daysSupply(),
            p.packSize(),
            p.prescribedOn(),
            n.validDays(),
            n.prescriberName(),
            n.hospitalCode(),
            Buffer.buffer(n.diagnosisEnc()),
            Buffer.buffer(n.clinicalEnc()),
            n.applicantRelation(),
            p.status().name(),
            new JsonArray(new ArrayList<>(p.reasons())),
            new JsonObject(n.decisionInputs()).put("missingFacts", new JsonArray(new ArrayList<>(p.missingFacts()))),
            n.firstClaim(),
            p.receivedAt(),
            p.reviewDueBy(),
            p.investigationDueBy(),
            p.calendarProvisional(),
            p.decidedAt(),
            n.decidedBy(),
            n.createdBy()
        });
        return tx.client().preparedQuery("""
                        insert into prescription (id, member_id, policy_number, product_code, drug_id, molecule_key,
                        catalog_version, tier, packs, days_supply, pack_size, prescribed_on, valid_days, prescriber_name,
                        hospital_code, diagnosis_enc, clinical_enc, applicant_relation, status, reasons, decision_inputs,
                        first_claim, received_at, review_due_by, investigation_due_by, calendar_provisional, decided_at,
                        decided_by, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,
                        $20,$21,$22,$23,$24,$25,$26,$27,$28,$29)""").execute(row).replaceWithVoid();
    }

    public Uni<Optional<StoredPrescription>> find(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select " + COLUMNS + " from prescription where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(stored(rows.iterator().next()))
                        : Optional.empty());
    }

    /** A member's prescriptions, the latest received first. */
    public Uni<Page<StoredPrescription>> forMember(Tx tx, String memberId, int page, int size) {
        return tx.client()
                .preparedQuery("select " + COLUMNS + """
                        , count(*) over () as total from prescription where member_id = $1
                        order by received_at desc, id limit $2 offset $3""")
                .execute(Tuple.of(memberId, size, (long) page * size))
                .map(rows -> page(rows, page, size));
    }

    // ------------------------------------------------------------------ review

    /** The review queue, the soonest due first. */
    public Uni<Page<StoredPrescription>> queue(Tx tx, int page, int size) {
        return tx.client()
                .preparedQuery("select " + COLUMNS + " , count(*) over () as total from prescription where status in ("
                        + IN_QUEUE + ") order by review_due_by, received_at, id limit $1 offset $2")
                .execute(Tuple.of(size, (long) page * size))
                .map(rows -> page(rows, page, size));
    }

    /** The prescription's status, the row locked until the transaction ends. */
    public Uni<Optional<PrescriptionStatus>> statusForUpdate(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select status from prescription where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(PrescriptionStatus.valueOf(
                                rows.iterator().next().getString("status")))
                        : Optional.empty());
    }

    public Uni<Void> review(Tx tx, ReviewUpdate u) {
        return tx.client()
                .preparedQuery("""
                        update prescription set status = $2, decided_at = case when $3 then $7 else decided_at end,
                        decided_by = $4, review_note = $5,
                        info_due_on = case when $2 = 'INFO_REQUESTED' then $8 else info_due_on end,
                        reasons = case when $6::text is null then reasons else reasons || to_jsonb($6::text) end
                        where id = $1""")
                .execute(Tuple.from(new Object[] {
                    u.id(),
                    u.to().name(),
                    u.decides(),
                    u.decidedBy(),
                    u.note(),
                    u.reasonCode(),
                    u.decidedAt(),
                    u.infoDueOn()
                }))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------

    private static Page<StoredPrescription> page(RowSet<Row> rows, int page, int size) {
        List<StoredPrescription> items = new ArrayList<>();
        long total = 0;
        for (Row r : rows) {
            items.add(stored(r));
            total = r.getLong("total");
        }
        return new Page<>(items, page, size, total);
    }

    private static StoredPrescription stored(Row r) {
        Short tier = r.getShort("tier");
        return new StoredPrescription(
                r.getUUID("id"),
                r.getString("member_id"),
                r.getString("policy_number"),
                r.getString("product_code"),
                r.getString("drug_id"),
                r.getString("molecule_key"),
                r.getInteger("catalog_version"),
                tier == null ? null : tier.intValue(),
                r.getInteger("packs"),
                r.getString("pack_size"),
                r.getInteger("days_supply"),
                r.getLocalDate("prescribed_on"),
                PrescriptionStatus.valueOf(r.getString("status")),
                strings(r.getValue("reasons")),
                strings(r.getValue("missing")),
                r.getOffsetDateTime("received_at"),
                r.getOffsetDateTime("review_due_by"),
                r.getOffsetDateTime("investigation_due_by"),
                r.getBoolean("calendar_provisional"),
                r.getOffsetDateTime("decided_at"),
                r.getString("hospital_code"),
                r.getLocalDate("info_due_on"),
                entries(r.getValue("information")));
    }

    private static List<Map<String, Object>> entries(Object json) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (json instanceof JsonArray a)
            a.forEach(x -> {
                if (x instanceof JsonObject o) out.add(o.getMap());
            });
        return out;
    }

    private static List<String> strings(Object json) {
        List<String> out = new ArrayList<>();
        if (json instanceof JsonArray a) a.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    static String sqlList(Set<PrescriptionStatus> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
