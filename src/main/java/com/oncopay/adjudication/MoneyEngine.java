package com.oncopay.adjudication;

import com.oncopay.adjudication.domain.DirectPay;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.coverage.EligibilityCache;
import com.oncopay.dispatch.Outbox;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.error.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place where money moves. {@link #estimate} reads the accumulators and changes
 * nothing. {@link #dispense} runs inside the caller's transaction: it locks the policy's
 * accumulator row ({@code FOR UPDATE}), computes the split against what is left, updates
 * the accumulators and writes the dispense, its ledger rows and an outbox row, so two
 * dispenses for one member can never overspend the sum insured.
 */
@ApplicationScoped
public class MoneyEngine {
    private static final String ACCUMULATORS =
            "select a.deductible_met_fen, a.sum_insured_used_fen, pr.sum_insured_fen, pr.deductible_fen, r.percent "
                    + "from accumulator a join policy p on p.policy_number = a.policy_number join product pr on pr.code = p.product_code "
                    + "left join product_ratio r on r.product_code = pr.code and r.tier = $2 and r.social_insurance_used = $3 "
                    + "where a.policy_number = $1";

    /** What a dispense needs: the policy and tier decided on, the price at the pharmacy and what social insurance paid. */
    public record DispenseCommand(
            UUID dispenseId,
            UUID prescriptionId,
            String policyNumber,
            String memberId,
            int tier,
            String pharmacyCode,
            String drugId,
            long unitPriceFen,
            int packs,
            long socialInsurancePaidFen,
            String eventType,
            Map<String, Object> eventPayload,
            OffsetDateTime at,
            AidRule.Effect aid) {}

    public record Dispensed(UUID dispenseId, MoneyBlock money) {}

    private final Pool pool;
    private final Outbox outbox;
    private final EligibilityCache eligibilityCache;

    public MoneyEngine(Pool pool, Outbox outbox, EligibilityCache eligibilityCache) {
        this.pool = pool;
        this.outbox = outbox;
        this.eligibilityCache = eligibilityCache;
    }

    public Uni<MoneyBlock> estimate(
            String policyNumber,
            int tier,
            long unitPriceFen,
            int packs,
            long socialInsurancePaidFen,
            AidRule.Effect aid) {
        return pool.preparedQuery(ACCUMULATORS)
                .execute(Tuple.of(policyNumber, (short) tier, socialInsurancePaidFen > 0))
                .map(rows -> MoneyBlock.of(
                        split(
                                rows.iterator().hasNext() ? rows.iterator().next() : null,
                                unitPriceFen,
                                packs,
                                socialInsurancePaidFen,
                                aid),
                        aid));
    }

    /**
     * Applies a dispense inside {@code tx}, with the caller's own statements of the transaction ({@code alongside}, given the
     * money block) sent in the same round trip as the dispense's writes. After the locked
     * accumulator read, every write goes to PostgreSQL at once ({@link Pipeline}), so a redemption waits for three round trips instead of
     * eleven; the first statement to fail fails the whole, and the transaction rolls back.
     * Call {@link #afterCommit} once the transaction has committed.
     */
    public Uni<Dispensed> dispense(SqlClient tx, DispenseCommand c, Function<MoneyBlock, List<Uni<?>>> alongside) {
        return tx.preparedQuery(ACCUMULATORS.replace(
                        "where a.policy_number = $1", "where a.policy_number = $1 for update of a"))
                .execute(Tuple.of(c.policyNumber(), (short) c.tier(), c.socialInsurancePaidFen() > 0))
                .flatMap(rows -> {
                    DirectPay.Split s = split(
                            rows.iterator().hasNext() ? rows.iterator().next() : null,
                            c.unitPriceFen(),
                            c.packs(),
                            c.socialInsurancePaidFen(),
                            c.aid());
                    MoneyBlock money = MoneyBlock.of(s, c.aid());
                    List<Uni<?>> writes = new ArrayList<>();
                    writes.add(tx.preparedQuery(
                                    "update accumulator set deductible_met_fen = deductible_met_fen + $2, "
                                            + "sum_insured_used_fen = sum_insured_used_fen + $3, updated_at = now() where policy_number = $1")
                            .execute(Tuple.of(c.policyNumber(), s.deductibleAppliedFen(), s.insurerPaysFen())));
                    writes.add(tx.preparedQuery(
                                    "insert into dispense (id, kind, prescription_id, policy_number, pharmacy_code, drug_id, packs, "
                                            + "total_fen, social_insurance_paid_fen, deductible_applied_fen, ratio_percent, insurer_pays_fen, member_pays_fen, "
                                            + "sum_insured_before_fen, sum_insured_after_fen, deductible_remaining_after_fen, at) "
                                            + "values ($1,'DISPENSE',$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)")
                            .execute(Tuple.from(new Object[] {
                                c.dispenseId(),
                                c.prescriptionId(),
                                c.policyNumber(),
                                c.pharmacyCode(),
                                c.drugId(),
                                c.packs(),
                                s.totalFen(),
                                s.socialInsurancePaidFen(),
                                s.deductibleAppliedFen(),
                                s.ratioPercent(),
                                s.insurerPaysFen(),
                                s.memberPaysFen(),
                                s.sumInsuredBeforeFen(),
                                s.sumInsuredAfterFen(),
                                s.deductibleRemainingAfterFen(),
                                c.at()
                            })));
                    writes.add(ledger(tx, c.dispenseId(), c.policyNumber(), s, 1));
                    writes.add(outbox.write(
                            tx, c.pharmacyCode(), c.eventType(), c.dispenseId().toString(), c.eventPayload()));
                    writes.addAll(alongside.apply(money));
                    return Pipeline.inOrder(writes).replaceWith(new Dispensed(c.dispenseId(), money));
                });
    }

    /**
     * Reverses a dispense inside {@code tx}: restores exactly what it took from the
     * accumulators and writes the negative ledger rows. The unique index on
     * {@code dispense.reverses} makes a second reversal fail.
     */
    public Uni<MoneyBlock> reverse(
            SqlClient tx,
            UUID reversalId,
            UUID dispenseId,
            String eventType,
            Map<String, Object> eventPayload,
            OffsetDateTime at) {
        return tx.preparedQuery("select * from dispense where id = $1 and kind = 'DISPENSE'")
                .execute(Tuple.of(dispenseId))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row d = rows.iterator().next();
                    String policy = d.getString("policy_number");
                    long insurer = d.getLong("insurer_pays_fen"), deductible = d.getLong("deductible_applied_fen");
                    return tx.preparedQuery(
                                    "select a.sum_insured_used_fen, a.deductible_met_fen, pr.sum_insured_fen, pr.deductible_fen from accumulator a "
                                            + "join policy p on p.policy_number = a.policy_number join product pr on pr.code = p.product_code "
                                            + "where a.policy_number = $1 for update of a")
                            .execute(Tuple.of(policy))
                            .flatMap(acc -> {
                                Row a = acc.iterator().next();
                                long sumBefore = a.getLong("sum_insured_fen") - a.getLong("sum_insured_used_fen");
                                long dedAfter =
                                        a.getLong("deductible_fen") - (a.getLong("deductible_met_fen") - deductible);
                                DirectPay.Split s = new DirectPay.Split(
                                        -d.getLong("total_fen"),
                                        -d.getLong("social_insurance_paid_fen"),
                                        -deductible,
                                        d.getInteger("ratio_percent"),
                                        -insurer,
                                        -d.getLong("member_pays_fen"),
                                        sumBefore,
                                        sumBefore + insurer,
                                        dedAfter - deductible,
                                        dedAfter,
                                        0);
                                return Pipeline.inOrder(List.of(
                                                tx.preparedQuery(
                                                                "update accumulator set deductible_met_fen = deductible_met_fen - $2, "
                                                                        + "sum_insured_used_fen = sum_insured_used_fen - $3, updated_at = now() where policy_number = $1")
                                                        .execute(Tuple.of(policy, deductible, insurer)),
                                                tx.preparedQuery(
                                                                "insert into dispense (id, kind, reverses, prescription_id, policy_number, pharmacy_code, drug_id, "
                                                                        + "packs, total_fen, social_insurance_paid_fen, deductible_applied_fen, ratio_percent, insurer_pays_fen, member_pays_fen, "
                                                                        + "sum_insured_before_fen, sum_insured_after_fen, deductible_remaining_after_fen, at) "
                                                                        + "values ($1,'REVERSAL',$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)")
                                                        .execute(Tuple.from(new Object[] {
                                                            reversalId,
                                                            dispenseId,
                                                            d.getUUID("prescription_id"),
                                                            policy,
                                                            d.getString("pharmacy_code"),
                                                            d.getString("drug_id"),
                                                            d.getInteger("packs"),
                                                            s.totalFen(),
                                                            s.socialInsurancePaidFen(),
                                                            s.deductibleAppliedFen(),
                                                            s.ratioPercent(),
                                                            s.insurerPaysFen(),
                                                            s.memberPaysFen(),
                                                            s.sumInsuredBeforeFen(),
                                                            s.sumInsuredAfterFen(),
                                                            s.deductibleRemainingAfterFen(),
                                                            at
                                                        })),
                                                ledger(
                                                        tx,
                                                        reversalId,
                                                        policy,
                                                        new DirectPay.Split(
                                                                0,
                                                                d.getLong("social_insurance_paid_fen"),
                                                                deductible,
                                                                0,
                                                                insurer,
                                                                d.getLong("member_pays_fen"),
                                                                0,
                                                                0,
                                                                0,
                                                                0,
                                                                0),
                                                        -1),
                                                outbox.write(
                                                        tx,
                                                        d.getString("pharmacy_code"),
                                                        eventType,
                                                        reversalId.toString(),
                                                        eventPayload)))
                                        .replaceWith(MoneyBlock.of(s));
                            });
                });
    }

    /** After the money transaction committed: the member's eligibility snapshots are stale. */
    public Uni<Void> afterCommit(String memberId) {
        return eligibilityCache.invalidate(memberId);
    }

    private static DirectPay.Split split(
            Row acc, long unitPriceFen, int packs, long socialInsurancePaidFen, AidRule.Effect aid) {
        if (acc == null) throw new ProblemException(409, "NO_ACCUMULATOR");
        Integer ratio = acc.getInteger("percent");
        if (ratio == null) throw new ProblemException(409, "NO_RATIO");
        try {
            return DirectPay.compute(
                    new DirectPay.Input(
                            unitPriceFen,
                            packs,
                            socialInsurancePaidFen,
                            Math.max(0, acc.getLong("deductible_fen") - acc.getLong("deductible_met_fen")),
                            Math.max(0, acc.getLong("sum_insured_fen") - acc.getLong("sum_insured_used_fen")),
                            ratio),
                    aid.packs(),
                    aid.kind() == AidRule.Kind.DONATED);
        } catch (DirectPay.SocialInsuranceExceedsTotal e) {
            throw new ProblemException(422, "SOCIAL_INSURANCE_EXCEEDS_TOTAL");
        } catch (ArithmeticException e) {
            throw new ProblemException(422, "AMOUNT_TOO_LARGE");
        }
    }

    private static Uni<Void> ledger(SqlClient tx, UUID dispenseId, String policy, DirectPay.Split s, int sign) {
        List<Tuple> rows = List.of(
                Tuple.of(dispenseId, policy, "INSURER_PAYABLE", sign * s.insurerPaysFen()),
                Tuple.of(dispenseId, policy, "MEMBER_COPAY", sign * s.memberPaysFen()),
                Tuple.of(dispenseId, policy, "SOCIAL_INSURANCE", sign * s.socialInsurancePaidFen()),
                Tuple.of(dispenseId, policy, "DEDUCTIBLE_MET", sign * s.deductibleAppliedFen()));
        return tx.preparedQuery(
                        "insert into ledger_entry (dispense_id, policy_number, account, amount_fen) values ($1,$2,$3,$4)")
                .executeBatch(rows)
                .replaceWithVoid();
    }
}
