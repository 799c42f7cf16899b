package com.oncopay.receivable;

import com.oncopay.platform.db.Tx;
import com.oncopay.receivable.domain.DispenseRecovery;
import com.oncopay.receivable.domain.ReceivableStatus;
import com.oncopay.receivable.domain.Repayment;
import com.oncopay.receivable.domain.ReversalReduction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The receivable of one dispense: what recovers it already, opening one for it, and taking its part off. */
@ApplicationScoped
public class DispenseReceivableRepository {
    private static final String LEDGER =
            "insert into ledger_entry (dispense_id, receivable_id, policy_number, account, amount_fen) values ($1,$2,$3,$4,$5)";

    /** The dispense's member, whether it was reversed or had cover given back, and the receivable recovering it. */
    public record State(
            String memberId,
            boolean reversed,
            boolean released,
            UUID receivableId,
            DispenseRecovery.Cause recoveredBy) {}

    /** The receivable recovering a dispense, locked: the item's part still owed and the receivable's balance. */
    public record LockedItem(
            UUID receivableId,
            String policyNumber,
            DispenseRecovery.Cause cause,
            long itemOwedFen,
            Repayment.Balance b) {}

    /** One receivable of one dispense to open. */
    public record Opening(
            UUID id,
            String memberId,
            String policyNumber,
            DispenseRecovery.Cause cause,
            UUID claimId,
            String reasonCode,
            String note,
            UUID dispenseId,
            long amountFen,
            LocalDate dueOn,
            OffsetDateTime at) {}

    /** Read after the caller locked the dispense row, so it sees what a transaction that held it committed. */
    public Uni<State> state(Tx tx, UUID dispenseId) {
        return tx.client().preparedQuery("""
                        select p.member_id, exists (select 1 from dispense x where x.reverses = d.id) as reversed,
                        exists (select 1 from ledger_entry l where l.dispense_id = d.id
                                and l.account = 'SUM_INSURED_RELEASED') as released,
                        i.receivable_id, r.cause from dispense d join prescription p on p.id = d.prescription_id
                        left join receivable_item i on i.dispense_id = d.id
                        left join member_receivable r on r.id = i.receivable_id where d.id = $1""").execute(Tuple.of(dispenseId)).map(rows -> {
            Row r = rows.iterator().next();
            String cause = r.getString("cause");
            return new State(
                    r.getString("member_id"),
                    r.getBoolean("reversed"),
                    r.getBoolean("released"),
                    r.getUUID("receivable_id"),
                    cause == null ? null : DispenseRecovery.Cause.valueOf(cause));
        });
    }

    /** The receivable row, its one item and its MEMBER_RECEIVABLE ledger row. */
    public Uni<Void> open(Tx tx, Opening o) {
        return tx.client()
                .preparedQuery("""
                        insert into member_receivable (id, member_id, policy_number, cause, cause_id, claim_id, reason_code,
                        note, amount_fen, paid_fen, status, due_on, opened_at, updated_at)
                        values ($1,$2,$3,$4,$5,$5,$6,$7,$8,0,$9,$10,$11,$11)""")
                .execute(Tuple.from(new Object[] {
                    o.id(),
                    o.memberId(),
                    o.policyNumber(),
                    o.cause().name(),
                    o.claimId(),
                    o.reasonCode(),
                    o.note(),
                    o.amountFen(),
                    ReceivableStatus.OPEN.name(),
                    o.dueOn(),
                    o.at()
                }))
                .chain(() -> tx.client()
                        .preparedQuery(
                                "insert into receivable_item (receivable_id, dispense_id, amount_fen) values ($1,$2,$3)")
                        .execute(Tuple.of(o.id(), o.dispenseId(), o.amountFen())))
                .chain(() -> tx.client()
                        .preparedQuery(LEDGER)
                        .execute(
                                Tuple.of(o.dispenseId(), o.id(), o.policyNumber(), "MEMBER_RECEIVABLE", o.amountFen())))
                .replaceWithVoid();
    }

    /** The receivable recovering {@code dispenseId}, locked ({@code FOR UPDATE}), when there is one. */
    public Uni<Optional<LockedItem>> lockOfDispense(Tx tx, UUID dispenseId) {
        return tx.client().preparedQuery("""
                        select r.id, r.policy_number, r.cause, r.amount_fen, r.paid_fen, r.status,
                        i.amount_fen - i.reduced_fen as item_owed from receivable_item i
                        join member_receivable r on r.id = i.receivable_id where i.dispense_id = $1 for update of r""").execute(Tuple.of(dispenseId)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row r = rows.iterator().next();
            return Optional.of(new LockedItem(
                    r.getUUID("id"),
                    r.getString("policy_number"),
                    DispenseRecovery.Cause.valueOf(r.getString("cause")),
                    r.getLong("item_owed"),
                    new Repayment.Balance(
                            r.getLong("amount_fen"),
                            r.getLong("paid_fen"),
                            ReceivableStatus.valueOf(r.getString("status")))));
        });
    }

    /** The receivable's new amount and state, the item's part taken off, and MEMBER_RECEIVABLE −reduction. */
    public Uni<Void> reduce(Tx tx, LockedItem item, UUID dispenseId, ReversalReduction r, OffsetDateTime at) {
        return tx.client()
                .preparedQuery(
                        "update member_receivable set amount_fen = $2, status = $3, updated_at = $4 where id = $1")
                .execute(Tuple.of(item.receivableId(), r.amountFen(), r.status().name(), at))
                .chain(() -> tx.client()
                        .preparedQuery("""
                                update receivable_item set reduced_fen = reduced_fen + $3
                                where receivable_id = $1 and dispense_id = $2""")
                        .execute(Tuple.of(item.receivableId(), dispenseId, r.reductionFen())))
                .chain(() -> tx.client()
                        .preparedQuery(LEDGER)
                        .executeBatch(List.of(Tuple.of(
                                dispenseId,
                                item.receivableId(),
                                item.policyNumber(),
                                "MEMBER_RECEIVABLE",
                                -r.reductionFen()))))
                .replaceWithVoid();
    }
}
