package com.oncopay.claim;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.claim.ClaimApi.ClaimView;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.claim.domain.LiabilityDecision;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Liability claims: opened with a dispense, decided once, withdrawn with a reversal. */
@ApplicationScoped
public class ClaimRepository {
    /** The business date of the due time, as SQL (the same rule as {@link LiabilityDecision#overdue}). */
    private static final String DUE_ON = "(c.investigation_due_by at time zone 'Asia/Shanghai')::date";

    private static final String VIEW = "select c.id, c.dispense_id, c.prescription_id, c.member_id, c.policy_number,"
            + " c.status, c.drug_id, c.insurer_pays_fen, c.reason_code, c.note, c.opened_at, c.decided_at,"
            + " c.investigation_due_by, c.calendar_provisional, c.first_claim,"
            + " (select d.generic_name || '（' || d.brand_name || '）' from catalog_drug d where d.drug_id = c.drug_id"
            + " order by d.version_id desc limit 1) as drug_name,"
            + " (select i.receivable_id from receivable_item i where i.dispense_id = c.dispense_id) as receivable_id,"
            + " count(*) over () as total"
            + " from liability_claim c";

    /** A claim locked for a decision or a withdrawal. */
    public record Locked(UUID id, String memberId, ClaimStatus status, long insurerPaysFen) {}

    /** The investigation's end counted for a first claim and for a later one, each with its provisional flag. */
    public record Due(OffsetDateTime first, boolean firstProvisional, OffsetDateTime later, boolean laterProvisional) {}

    /**
     * In the dispense's transaction: the claim it opens, UNDER_INVESTIGATION, due by {@code due.first()} when the
     * member has no earlier claim that was not withdrawn, else by {@code due.later()}.
     */
    public Uni<Void> open(Tx tx, OpeningClaims.Dispensed d, Due due) {
        return tx.client()
                .preparedQuery("""
                        insert into liability_claim (id, dispense_id, prescription_id, member_id, policy_number, drug_id,
                        insurer_pays_fen, status, opened_at, first_claim, investigation_due_by, calendar_provisional)
                        select $1,$2,$3,$4,$5,$6,$7,$8,$9, f.first,
                        case when f.first then $10::timestamptz else $12::timestamptz end,
                        case when f.first then $11::boolean else $13::boolean end
                        from (select not exists (select 1 from liability_claim e where e.member_id = $4
                        and e.status <> 'WITHDRAWN') as first) f""")
                .execute(Tuple.from(new Object[] {
                    UUID.randomUUID(),
                    d.dispenseId(),
                    d.prescriptionId(),
                    d.memberId(),
                    d.policyNumber(),
                    d.drugId(),
                    d.insurerPaysFen(),
                    ClaimStatus.UNDER_INVESTIGATION.name(),
                    d.at(),
                    due.first(),
                    due.firstProvisional(),
                    due.later(),
                    due.laterProvisional()
                }))
                .replaceWithVoid();
    }

    /** The dispense a claim is of (never changes, so read without a lock), to lock it first; empty when no claim. */
    public Uni<Optional<UUID>> dispenseOf(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select dispense_id from liability_claim where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getUUID("dispense_id"))
                        : Optional.empty());
    }

    /** Locked after its dispense row (see {@code MoneyEngine}'s lock order). */
    public Uni<Optional<Locked>> lock(Tx tx, UUID id) {
        return lock(tx, "id", id);
    }

    /** The claim of a dispense, locked after the dispense row; empty for a dispense without a claim. */
    public Uni<Optional<Locked>> lockOfDispense(Tx tx, UUID dispenseId) {
        return lock(tx, "dispense_id", dispenseId);
    }

    private Uni<Optional<Locked>> lock(Tx tx, String column, UUID id) {
        return tx.client()
                .preparedQuery("select id, member_id, status, insurer_pays_fen from liability_claim where " + column
                        + " = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row r = rows.iterator().next();
                    return Optional.of(new Locked(
                            r.getUUID("id"),
                            r.getString("member_id"),
                            ClaimStatus.valueOf(r.getString("status")),
                            r.getLong("insurer_pays_fen")));
                });
    }

    public Uni<Void> decide(
            Tx tx, UUID id, ClaimStatus to, String reasonCode, String note, String by, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("""
                        update liability_claim set status = $2, reason_code = $3, note = $4, decided_by = $5, decided_at = $6
                        where id = $1""")
                .execute(Tuple.from(new Object[] {id, to.name(), reasonCode, note, by, at}))
                .replaceWithVoid();
    }

    /** With a reversal: the dispense's claim, if still under investigation, is withdrawn. */
    public Uni<Void> withdrawOfDispense(Tx tx, UUID dispenseId, String reasonCode, OffsetDateTime at) {
        return tx.client()
                .preparedQuery("""
                        update liability_claim set status = $2, reason_code = $3, decided_at = $4, decided_by = 'system'
                        where dispense_id = $1 and status = $5""")
                .execute(Tuple.from(new Object[] {
                    dispenseId, ClaimStatus.WITHDRAWN.name(), reasonCode, at, ClaimStatus.UNDER_INVESTIGATION.name()
                }))
                .replaceWithVoid();
    }

    /**
     * A page of claims, oldest due first: of one member and/or one claim when given, of one status when given, only
     * the overdue ones (or only the not overdue) when {@code overdue} is given, against {@code today}.
     */
    public Uni<Page<ClaimView>> page(
            Tx tx, String memberId, UUID id, ClaimStatus status, Boolean overdue, LocalDate today, int page, int size) {
        String overdueSql = "(c.status = 'UNDER_INVESTIGATION' and " + DUE_ON + " < $4)";
        return tx.client()
                .preparedQuery(
                        VIEW + " where ($1::text is null or c.member_id = $1) and ($2::uuid is null or c.id = $2)"
                                + " and ($3::text is null or c.status = $3) and ($5::boolean is null or " + overdueSql
                                + " = $5) order by c.investigation_due_by, c.opened_at, c.id limit $6 offset $7")
                .execute(Tuple.from(new Object[] {
                    memberId, id, status == null ? null : status.name(), today, overdue, size, (long) page * size
                }))
                .map(rows -> {
                    List<ClaimView> items = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        total = r.getLong("total");
                        items.add(view(r, today));
                    }
                    return new Page<>(items, page, size, total);
                });
    }

    private static ClaimView view(Row r, LocalDate today) {
        ClaimStatus status = ClaimStatus.valueOf(r.getString("status"));
        OffsetDateTime due = r.getOffsetDateTime("investigation_due_by");
        LocalDate dueOn = due == null
                ? null
                : due.atZoneSameInstant(BusinessCalendar.ZONE).toLocalDate();
        Boolean provisional = r.getBoolean("calendar_provisional");
        return new ClaimView(
                r.getUUID("id").toString(),
                r.getUUID("dispense_id").toString(),
                r.getUUID("prescription_id").toString(),
                r.getString("member_id"),
                r.getString("policy_number"),
                status.name(),
                due == null
                        ? null
                        : due.atZoneSameInstant(BusinessCalendar.ZONE).toOffsetDateTime(),
                dueOn,
                LiabilityDecision.overdue(status, dueOn, today),
                provisional != null && provisional,
                r.getString("drug_id"),
                r.getString("drug_name"),
                r.getLong("insurer_pays_fen"),
                r.getBoolean("first_claim"),
                r.getString("reason_code"),
                r.getString("note"),
                r.getOffsetDateTime("opened_at"),
                r.getOffsetDateTime("decided_at"),
                r.getUUID("receivable_id") == null
                        ? null
                        : r.getUUID("receivable_id").toString());
    }
}
