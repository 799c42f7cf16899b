package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseProgress;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What charity assistance offers the other features: what a case means for the money of a
 * direct-pay fill ({@link #effect}). The coordinators' cases themselves are run by
 * {@link OpeningAidCase}, {@link DecidingAidCase}, {@link AidCaseQueries} and {@link AidForfeiture}.
 */
@ApplicationScoped
public class AidService {
    private final AidProgrammes programmes;
    private final AidFillRepository fills;
    private final Transactions transactions;

    public AidService(AidProgrammes programmes, AidFillRepository fills, Transactions transactions) {
        this.programmes = programmes;
        this.fills = fills;
        this.transactions = transactions;
    }

    /**
     * What aid means for a direct-pay fill of {@code packs} of a drug at {@code pharmacyCode}: the fill's
     * position among the member's (unreversed) dispenses of it decides whether the programme would
     * donate; the member's latest case decides who bears those packs; a donated cycle is donated only at
     * the foundation's designated pharmacies.
     */
    public Uni<AidRule.Effect> effect(String memberId, String drugId, int packs, String pharmacyCode) {
        return effect(transactions.autoCommit(), memberId, drugId, packs, pharmacyCode);
    }

    /**
     * The same, read on the unit of work's {@link Tx}: inside a money transaction pass the transaction,
     * never the pool; a second connection taken while the transaction holds one deadlocks the pool when
     * as many redemptions run at once as the pool has connections (found by the benchmark).
     */
    public Uni<AidRule.Effect> effect(Tx tx, String memberId, String drugId, int packs, String pharmacyCode) {
        var programme = programmes.forDrug(drugId);
        if (programme.isEmpty()) return Uni.createFrom().item(AidRule.Effect.NONE);
        return fills.fillHistory(tx, memberId, drugId)
                .map(found -> found.map(h -> AidRule.effect(
                                programme.get(),
                                h.mainlandCitizen(),
                                (int) (h.fills() + 1),
                                packs,
                                AidCaseProgress.caseState(h.latestStatus(), h.refusalReason()),
                                pharmacyCode))
                        .orElse(AidRule.Effect.NONE));
    }

    /** The latest case as {@code STATUS:refusal reason} (null: none), as the money rule sees it. */
    static AidRule.CaseState caseState(String latest) {
        if (latest == null) return AidRule.CaseState.NO_CASE;
        String[] parts = latest.split(":", -1);
        return AidCaseProgress.caseState(AidCaseStatus.valueOf(parts[0]), parts[1]);
    }
}
