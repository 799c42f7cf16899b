package com.oncopay.receivable;

import com.oncopay.platform.db.Tx;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.ReceivableApi.Item;
import com.oncopay.receivable.ReceivableApi.Payment;
import com.oncopay.receivable.ReceivableApi.ReceivableView;
import com.oncopay.receivable.domain.MisuseRecovery;
import com.oncopay.receivable.domain.ReceivableStatus;
import com.oncopay.receivable.domain.Repayment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Member receivables, the dispenses they recover, their payments and their ledger rows. */
@ApplicationScoped
public class ReceivableRepository {
    private static final String LEDGER =
            "insert into ledger_entry (dispense_id, receivable_id, policy_number, account, amount_fen) values ($1,$2,$3,$4,$5)";

    /** A receivable locked for a payment. */
    public record Locked(String memberId, String policyNumber, Repayment.Balance balance) {}

    /**
     * The member's direct-pay dispenses not reversed and not yet recovered (of one prescription when given), locked.
     * The dispense rows are locked first (the first lock of every change to a dispense, see {@code MoneyEngine}) and
     * read again by a second statement, which sees what a reversal or a denial that held one of them committed.
     */
    public Uni<List<MisuseRecovery.Dispensed>> recoverable(Tx tx, String memberId, UUID prescriptionId) {
        return recoverable(tx, memberId, prescriptionId, null, null);
    }

    /** The same, of the dispenses drawn on {@code policyNumber} and handed over at or after {@code from}. */
    public Uni<List<MisuseRecovery.Dispensed>> recoverableOfPolicy(
            Tx tx, String memberId, String policyNumber, OffsetDateTime from) {
        return recoverable(tx, memberId, null, policyNumber, from);
    }

    private Uni<List<MisuseRecovery.Dispensed>> recoverable(
            Tx tx, String memberId, UUID prescriptionId, String policyNumber, OffsetDateTime from) {
        String mine = """
                from dispense d join prescription p on p.id = d.prescription_id
                where p.member_id = $1 and d.kind = 'DISPENSE' and ($2::uuid is null or d.prescription_id = $2)
                and ($3::text is null or d.policy_number = $3) and ($4::timestamptz is null or d.at >= $4)""";
        Tuple args = Tuple.of(memberId, prescriptionId, policyNumber, from);
        return tx.client()
                .preparedQuery("select d.id " + mine + " order by d.at, d.id for update of d")
                .execute(args)
                .chain(() -> tx.client()
                        .preparedQuery("select d.id, d.policy_number, d.insurer_pays_fen " + mine + """

                                and not exists (select 1 from dispense r where r.reverses = d.id)
                                and not exists (select 1 from receivable_item i where i.dispense_id = d.id)
                                and not exists (select 1 from ledger_entry l where l.dispense_id = d.id
                                and l.account = 'SUM_INSURED_RELEASED') order by d.at, d.id""")
                        .execute(args))
                .map(rows -> {
                    List<MisuseRecovery.Dispensed> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new MisuseRecovery.Dispensed(
                                r.getUUID("id"), r.getString("policy_number"), r.getLong("insurer_pays_fen")));
                    return out;
                });
    }

    /** The receivable row, its items and one MEMBER_RECEIVABLE ledger row per recovered dispense. */
    public Uni<Void> open(
            Tx tx,
            UUID id,
            String memberId,
            String cause,
            UUID causeId,
            MisuseRecovery.Claim claim,
            LocalDate dueOn,
            OffsetDateTime at) {
        List<Tuple> items = new ArrayList<>();
        List<Tuple> ledger = new ArrayList<>();
        for (MisuseRecovery.Dispensed d : claim.items()) {
            items.add(Tuple.of(id, d.dispenseId(), d.insurerPaidFen()));
            ledger.add(Tuple.of(d.dispenseId(), id, claim.policyNumber(), "MEMBER_RECEIVABLE", d.insurerPaidFen()));
        }
        return tx.client()
                .preparedQuery("""
                        insert into member_receivable (id, member_id, policy_number, cause, cause_id, amount_fen, paid_fen,
                        status, due_on, opened_at, updated_at) values ($1,$2,$3,$4,$5,$6,0,$7,$8,$9,$9)""")
                .execute(Tuple.from(new Object[] {
                    id,
                    memberId,
                    claim.policyNumber(),
                    cause,
                    causeId,
                    claim.amountFen(),
                    ReceivableStatus.OPEN.name(),
                    dueOn,
                    at
                }))
                .chain(() -> tx.client()
                        .preparedQuery(
                                "insert into receivable_item (receivable_id, dispense_id, amount_fen) values ($1,$2,$3)")
                        .executeBatch(items))
                .chain(() -> tx.client().preparedQuery(LEDGER).executeBatch(ledger))
                .replaceWithVoid();
    }

    public Uni<Optional<Locked>> lock(Tx tx, UUID id) {
        return tx.client().preparedQuery("""
                        select member_id, policy_number, amount_fen, paid_fen, status from member_receivable
                        where id = $1 for update""").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row r = rows.iterator().next();
            return Optional.of(new Locked(
                    r.getString("member_id"),
                    r.getString("policy_number"),
                    new Repayment.Balance(
                            r.getLong("amount_fen"),
                            r.getLong("paid_fen"),
                            ReceivableStatus.valueOf(r.getString("status")))));
        });
    }

    /** The payment row, the new paid amount and state, and the ledger pair (receivable down, recovered up). */
    public Uni<Void> pay(
            Tx tx,
            UUID id,
            UUID paymentId,
            String policyNumber,
            long amountFen,
            Repayment.Outcome outcome,
            LocalDate paidOn,
            String recordedBy,
            OffsetDateTime at) {
        return tx.client()
                .preparedQuery("""
                        insert into receivable_payment (id, receivable_id, amount_fen, paid_on, recorded_by, at)
                        values ($1,$2,$3,$4,$5,$6)""")
                .execute(Tuple.from(List.of(paymentId, id, amountFen, paidOn, recordedBy, at)))
                .chain(() -> tx.client()
                        .preparedQuery(
                                "update member_receivable set paid_fen = $2, status = $3, updated_at = $4 where id = $1")
                        .execute(
                                Tuple.of(id, outcome.paidFen(), outcome.status().name(), at)))
                .chain(() -> tx.client()
                        .preparedQuery(LEDGER)
                        .executeBatch(List.of(
                                Tuple.of(null, id, policyNumber, "MEMBER_RECEIVABLE", -amountFen),
                                Tuple.of(null, id, policyNumber, "RECEIVABLE_RECOVERED", amountFen))))
                .replaceWithVoid();
    }

    /** A member's receivables, newest first (or one receivable when {@code id} is given), with their items. */
    public Uni<List<ReceivableView>> views(Tx tx, String memberId, UUID id) {
        return tx.client().preparedQuery("""
                        select r.id, r.member_id, r.policy_number, r.cause, r.amount_fen, r.paid_fen, r.status, r.due_on,
                        r.opened_at, r.claim_id, r.reason_code, r.note, i.dispense_id, i.amount_fen as item_fen,
                        i.reduced_fen, null::uuid as paid_id, null::date as paid_on, null::timestamptz as paid_at
                        from member_receivable r left join receivable_item i on i.receivable_id = r.id
                        where ($1::text is null or r.member_id = $1) and ($2::uuid is null or r.id = $2)
                        union all
                        select r.id, r.member_id, r.policy_number, r.cause, r.amount_fen, r.paid_fen, r.status, r.due_on,
                        r.opened_at, r.claim_id, r.reason_code, r.note, null, p.amount_fen, 0, p.id, p.paid_on, p.at
                        from member_receivable r join receivable_payment p on p.receivable_id = r.id
                        where ($1::text is null or r.member_id = $1) and ($2::uuid is null or r.id = $2)
                        order by opened_at desc, id, paid_at nulls first, dispense_id limit 2000""").execute(Tuple.of(memberId, id)).map(rows -> {
            Map<UUID, Row> heads = new LinkedHashMap<>();
            Map<UUID, List<Item>> items = new LinkedHashMap<>();
            Map<UUID, List<Payment>> payments = new LinkedHashMap<>();
            for (Row r : rows) {
                UUID rid = r.getUUID("id");
                heads.putIfAbsent(rid, r);
                List<Item> list = items.computeIfAbsent(rid, k -> new ArrayList<>());
                List<Payment> paid = payments.computeIfAbsent(rid, k -> new ArrayList<>());
                if (r.getUUID("paid_id") != null)
                    paid.add(new Payment(
                            r.getLong("item_fen"),
                            r.getLocalDate("paid_on"),
                            Ids.local(r.getOffsetDateTime("paid_at"))));
                else if (r.getUUID("dispense_id") != null)
                    list.add(new Item(
                            r.getUUID("dispense_id").toString(), r.getLong("item_fen"), r.getLong("reduced_fen")));
            }
            List<ReceivableView> out = new ArrayList<>();
            heads.forEach((rid, r) -> out.add(new ReceivableView(
                    rid.toString(),
                    r.getUUID("claim_id") == null ? null : r.getUUID("claim_id").toString(),
                    r.getString("cause"),
                    r.getString("member_id"),
                    r.getString("policy_number"),
                    r.getString("cause"),
                    r.getString("reason_code"),
                    r.getString("note"),
                    r.getLong("amount_fen"),
                    r.getLong("paid_fen"),
                    r.getLong("amount_fen") - r.getLong("paid_fen"),
                    r.getString("status"),
                    r.getLocalDate("due_on"),
                    Ids.local(r.getOffsetDateTime("opened_at")),
                    List.copyOf(items.get(rid)),
                    List.copyOf(payments.get(rid)))));
            return out;
        });
    }
}
