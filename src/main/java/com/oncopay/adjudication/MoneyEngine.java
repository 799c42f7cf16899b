package com.oncopay.adjudication;

import com.oncopay.adjudication.domain.Accumulators;
import com.oncopay.adjudication.domain.CoverRelease;
import com.oncopay.adjudication.domain.DirectPay;
import com.oncopay.adjudication.domain.DispenseReversal;
import com.oncopay.adjudication.domain.LedgerAmounts;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.coverage.EligibilityCache;
import com.oncopay.dispatch.Outbox;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place where money moves. {@link #estimate} reads the accumulators and changes
 * nothing. {@link #dispense} runs inside the caller's transaction: it locks the policy's
 * accumulator row ({@code FOR UPDATE}), computes the split against what is left, updates
 * the accumulators and writes the dispense, its ledger rows and an outbox row, so two
 * dispenses for one member can never overspend the sum insured.
 *
 * <p>Lock order of every change to a dispense after it happened (reversal, late reversal, liability decision,
 * over-payment): the DISPENSE row ({@link #lockDispense}), then its claim, then the receivable recovering it, then
 * the policy's accumulator row. A denial racing a reversal of one dispense thus waits on the first lock and then
 * sees what the other committed: one of them is refused, nothing is restored twice, and nothing deadlocks.
 */
@ApplicationScoped
public class MoneyEngine {
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

    private final Transactions transactions;
    private final DispenseLedgerRepository repository;
    private final Outbox outbox;
    private final EligibilityCache eligibilityCache;

    public MoneyEngine(
            Transactions transactions,
            DispenseLedgerRepository repository,
            Outbox outbox,
            EligibilityCache eligibilityCache) {
        this.transactions = transactions;
        this.repository = repository;
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
        return repository
                .rated(transactions.autoCommit(), policyNumber, tier, socialInsurancePaidFen > 0, false)
                .map(rated -> MoneyBlock.of(split(rated, unitPriceFen, packs, socialInsurancePaidFen, aid), aid));
    }

    /**
     * The dispense's read of the policy's accumulators and ratio, locked for {@code tx} ({@code FOR UPDATE}). The caller
     * subscribes to it together with its own first statements of the transaction (the claim of what is
     * dispensed, {@link Pipeline}), after them: they then cost one round trip, and the rows are locked in the order
     * every dispense locks them (what is dispensed, then the accumulators).
     */
    public Uni<Locked> lock(Tx tx, String policyNumber, int tier, long socialInsurancePaidFen) {
        return repository
                .rated(tx, policyNumber, tier, socialInsurancePaidFen > 0, true)
                .map(Locked::new);
    }

    /** The accumulators and ratio {@link #lock} read and locked (empty when the policy has none). */
    public record Locked(Optional<DispenseLedgerRepository.Rated> rated) {}

    /**
     * Applies a dispense inside {@code tx}, against the accumulators {@link #lock} locked in it, with the caller's own
     * statements of the transaction ({@code alongside}, given the money block) sent in the same round trip as the
     * dispense's writes: every write goes to PostgreSQL at once ({@link Pipeline}); the first statement to fail fails
     * the whole, and the transaction rolls back. Call {@link #afterCommit} once the transaction has committed.
     */
    public Uni<Dispensed> dispense(
            Tx tx, DispenseCommand c, Locked locked, Function<MoneyBlock, List<Uni<?>>> alongside) {
        return Uni.createFrom().deferred(() -> {
            DirectPay.Split s = split(locked.rated(), c.unitPriceFen(), c.packs(), c.socialInsurancePaidFen(), c.aid());
            MoneyBlock money = MoneyBlock.of(s, c.aid());
            List<Uni<?>> writes = new ArrayList<>();
            writes.add(repository.change(tx, c.policyNumber(), Accumulators.Change.of(s), c.at()));
            writes.add(repository.insert(
                    tx,
                    new DispenseLedgerRepository.DispenseRow(
                            c.dispenseId(),
                            "DISPENSE",
                            null,
                            c.prescriptionId(),
                            c.policyNumber(),
                            c.pharmacyCode(),
                            c.drugId(),
                            c.packs(),
                            s,
                            c.at())));
            writes.add(repository.ledger(tx, c.dispenseId(), c.policyNumber(), LedgerAmounts.of(s.shares())));
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
            Tx tx,
            UUID reversalId,
            UUID dispenseId,
            String eventType,
            Map<String, Object> eventPayload,
            OffsetDateTime at) {
        return repository.dispense(tx, dispenseId).flatMap(found -> {
            DispenseLedgerRepository.StoredDispense d = found.orElseThrow(Refused::notFound);
            String policy = d.policyNumber();
            return repository.lockAccumulators(tx, policy).flatMap(locked -> {
                DirectPay.Split s = DispenseReversal.of(d.shares(), locked);
                return Pipeline.inOrder(
                                repository.change(tx, policy, Accumulators.Change.of(s), at),
                                repository.insert(
                                        tx,
                                        new DispenseLedgerRepository.DispenseRow(
                                                reversalId,
                                                "REVERSAL",
                                                dispenseId,
                                                d.prescriptionId(),
                                                policy,
                                                d.pharmacyCode(),
                                                d.drugId(),
                                                d.packs(),
                                                s,
                                                at)),
                                repository.ledger(tx, reversalId, policy, LedgerAmounts.of(s.shares())),
                                outbox.write(tx, d.pharmacyCode(), eventType, reversalId.toString(), eventPayload))
                        .replaceWith(MoneyBlock.of(s));
            });
        });
    }

    /** The first lock of the order above: the dispense row, as its reversal or release needs it; 404 when none. */
    public Uni<DispenseLedgerRepository.StoredDispense> lockDispense(Tx tx, UUID dispenseId) {
        return repository.dispense(tx, dispenseId, true).map(found -> found.orElseThrow(Refused::notFound));
    }

    /**
     * Gives cover back inside {@code tx} without a REVERSAL row (the pharmacy's settlement is unchanged): locks the
     * accumulators, moves them by {@code release} and writes its ledger rows (with {@code receivableId} when given).
     * The caller holds the dispense's lock ({@link #lockDispense}) and has checked it was neither reversed nor
     * released before.
     */
    public Uni<Void> release(
            Tx tx, UUID dispenseId, UUID receivableId, String policyNumber, CoverRelease release, OffsetDateTime at) {
        return repository
                .lockAccumulators(tx, policyNumber)
                .chain(() -> Pipeline.inOrder(
                        repository.change(tx, policyNumber, release.change(), at),
                        repository.released(tx, dispenseId, receivableId, policyNumber, release)))
                .replaceWithVoid();
    }

    /** After the money transaction committed: the member's eligibility snapshots are stale. */
    public Uni<Void> afterCommit(String memberId) {
        // in a rehearsal too: its member is made up (the start-up warm-up's stage forgets it again), and the
        // invalidation's path (Redis, the other replicas' near caches) was otherwise first compiled under real load
        return eligibilityCache.invalidate(memberId);
    }

    private static DirectPay.Split split(
            Optional<DispenseLedgerRepository.Rated> found,
            long unitPriceFen,
            int packs,
            long socialInsurancePaidFen,
            AidRule.Effect aid) {
        DispenseLedgerRepository.Rated rated = found.orElseThrow(() -> Refused.conflict("NO_ACCUMULATOR"));
        if (rated.ratioPercent() == null) throw Refused.conflict("NO_RATIO");
        try {
            return DirectPay.compute(
                    rated.accumulators().input(unitPriceFen, packs, socialInsurancePaidFen, rated.ratioPercent()),
                    aid.packs(),
                    aid.kind() == AidRule.Kind.DONATED);
        } catch (DirectPay.SocialInsuranceExceedsTotal e) {
            throw Refused.rule("SOCIAL_INSURANCE_EXCEEDS_TOTAL");
        } catch (ArithmeticException e) {
            throw Refused.rule("AMOUNT_TOO_LARGE");
        }
    }
}
