package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.AidService;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.DrugLabel;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.fulfilment.FulfilmentApi.RedeemRequest;
import com.oncopay.fulfilment.FulfilmentApi.Redemption;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.fulfilment.domain.RedemptionDecision;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.idempotency.StoredAnswer;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * At the counter: the preview of a pickup code (the order and the split it would apply now, changing
 * nothing) and its redemption (one transaction with the money, the ledger and the dispatch event).
 */
@ApplicationScoped
public class RedeemingPickupCode {
    private final Transactions transactions;
    private final RedemptionRepository repository;
    private final FailedAttempts attempts;
    private final SettlingDispense settling;
    private final MoneyEngine money;
    private final AidService aid;
    private final FieldCipher cipher;
    private final DrugLabels labels;
    private final Clock clock;

    public RedeemingPickupCode(
            Transactions transactions,
            RedemptionRepository repository,
            FailedAttempts attempts,
            SettlingDispense settling,
            MoneyEngine money,
            AidService aid,
            FieldCipher cipher,
            DrugLabels labels,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.attempts = attempts;
        this.settling = settling;
        this.money = money;
        this.aid = aid;
        this.cipher = cipher;
        this.labels = labels;
        this.clock = clock;
    }

    /**
     * Redeems the code; {@code answer} stores the result in the money's own transaction (the request's
     * Idempotency-Key becomes DONE if and only if the redemption commits).
     */
    @com.oncopay.platform.metrics.CountsMoney // after the commit
    public Uni<Redemption> redeem(RedeemRequest r, Caller caller, StoredAnswer answer) {
        String pharmacy = counter(caller);
        String canonical = PickupCode.normalise(r.pickupCode()).orElseThrow(() -> Refused.rule("CODE_MALFORMED"));
        // the paperwork before any lookup: the original prescription, the checklist, a collector's documents
        HandingOver.Checked handOver = HandingOver.check(r.prescriptionCollected(), r.documents(), r.collector());
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the drugs' names from memory, before the connection is taken (a reload would take one of its own); then one
        // connection for the code's lookup, a refusal's counting and the money's transaction: one turn in the pool's
        // queue (PoolTurns). The caches are told once the connection is back.
        return labels.all()
                .flatMap(names -> transactions.onConnection(c -> usable(
                                c, canonical, pharmacy, now, r.idNumber(), caller)
                        .flatMap(f -> redeem(
                                c, f, DrugLabels.of(names, f.drugId()), r, handOver, pharmacy, now, caller, answer))))
                .call(done -> money.afterCommit(done.memberId()))
                .map(Settled::redemption);
    }

    /** A committed redemption, and whose eligibility it changed. */
    private record Settled(Redemption redemption, String memberId) {}

    private Uni<Settled> redeem(
            Tx connection,
            FulfilmentOrder f,
            DrugLabel drug,
            RedeemRequest r,
            HandingOver.Checked handOver,
            String pharmacy,
            OffsetDateTime now,
            Caller caller,
            StoredAnswer answer) {
        UUID dispenseId = UUID.randomUUID();
        Map<String, Object> event = FulfilmentEvents.event(
                f.id(), f.prescriptionId(), f.drugId(), drug.brandName(), f.packs(), "PICKUP", f.memberName());
        event.put("redemptionId", dispenseId.toString());
        return transactions
                .inTransaction(
                        connection,
                        tx -> settling.settle(
                                        tx,
                                        repository.claim(tx, f.id(), now, dispenseId),
                                        () -> Refused.conflict("CODE_ALREADY_REDEEMED"),
                                        new SettlingDispense.Settle(
                                                f,
                                                pharmacy,
                                                f.priceFen(),
                                                r.socialInsurancePaidFen(),
                                                r.traceCodes(),
                                                dispenseId,
                                                "CODE_REDEEMED",
                                                event,
                                                now,
                                                handOver),
                                        caller)
                                .map(m -> new Redemption(
                                        dispenseId.toString(),
                                        f.id().toString(),
                                        f.prescriptionId().toString(),
                                        f.drugId(),
                                        drug.brandName(),
                                        drug.genericName(),
                                        drug.form(),
                                        f.packs(),
                                        f.packSize(),
                                        m,
                                        HandingOver.view(dispenseId, f.id(), now, handOver)))
                                // the answer a retry with the same Idempotency-Key gets, committed with the money
                                .call(redemption -> answer.store(tx, redemption)))
                .map(redemption -> new Settled(redemption, f.memberId()));
    }

    /**
     * What the counter shows before confirming: the order (drug, packs, masked member name)
     * and the split a redemption would apply now. Changes nothing; the identity is checked
     * when the redemption is confirmed.
     */
    public Uni<FulfilmentApi.Preview> preview(FulfilmentApi.PreviewRequest r, Caller caller) {
        String pharmacy = counter(caller);
        String canonical = PickupCode.normalise(r.pickupCode()).orElseThrow(() -> Refused.rule("CODE_MALFORMED"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        return usable(transactions.autoCommit(), canonical, pharmacy, now, null, caller)
                .flatMap(f -> labels.of(f.drugId())
                        .flatMap(drug -> aid.effect(f.memberId(), f.drugId(), f.packs(), pharmacy)
                                .flatMap(effect -> money.estimate(
                                        f.policyNumber(),
                                        f.tier(),
                                        f.priceFen(),
                                        f.packs(),
                                        r.socialInsurancePaidFen(),
                                        effect))
                                .map(m -> preview(f, drug, m))));
    }

    private static FulfilmentApi.Preview preview(FulfilmentOrder f, DrugLabel drug, MoneyBlock m) {
        return new FulfilmentApi.Preview(
                f.id().toString(),
                f.prescriptionId().toString(),
                f.drugId(),
                drug.brandName(),
                drug.genericName(),
                drug.form(),
                f.packs(),
                f.packSize(),
                FulfilmentEvents.maskName(f.memberName()),
                Ids.local(f.expiresAt()),
                f.priceFen(),
                m);
    }

    private static String counter(Caller caller) {
        if (caller.pharmacyId() == null) throw Refused.of(Refused.Kind.FORBIDDEN, "FORBIDDEN");
        return caller.pharmacyId();
    }

    /**
     * The order behind a well-formed code, if this pharmacy may redeem it now ({@link RedemptionDecision});
     * {@code idNumber} null when the identity is not checked (a preview). The code is looked up, and a refusal
     * counted, through {@code db}: the pool, or the connection the redemption holds.
     */
    private Uni<FulfilmentOrder> usable(
            Tx db, String canonical, String pharmacy, OffsetDateTime now, String idNumber, Caller caller) {
        byte[] hash = cipher.lookupHash(ChoosingFulfilment.CODE_PURPOSE, canonical);
        return repository.byCode(db, hash).flatMap(found -> {
            FulfilmentOrder f = found.orElse(null);
            RedemptionDecision.Refusal refusal = RedemptionDecision.decide(new RedemptionDecision.Facts(
                    f != null,
                    f == null ? null : f.status(),
                    f != null && f.mode() == FulfilmentApi.Mode.PICKUP,
                    f == null ? null : f.pharmacyCode(),
                    pharmacy,
                    f == null ? null : f.attempts(),
                    f == null ? null : f.expiresAt().toInstant(),
                    f == null || idNumber == null ? null : attempts.identityMatches(f, idNumber),
                    f != null && f.priceFen() != null,
                    now.toInstant(),
                    f == null ? null : f.coverFrom(),
                    f == null ? null : f.coverTo(),
                    now.atZoneSameInstant(BusinessCalendar.ZONE).toLocalDate()));
            if (refusal == null) return Uni.createFrom().item(f);
            if (refusal == RedemptionDecision.Refusal.LOCKED) throw FailedAttempts.locked(f.attempts(), now);
            Refused answer = refusal == RedemptionDecision.Refusal.NO_CONTRACT_PRICE
                    ? Refused.of(refusal.kind, refusal.code, pharmacy, f.drugId())
                    : Refused.of(refusal.kind, refusal.code);
            if (refusal.counted)
                return attempts.countAndFail(db, f.id(), pharmacy, refusal.failureReason, now, answer, caller);
            if (refusal.failureReason != null)
                return attempts.unknown(db, pharmacy, refusal.failureReason, now, answer);
            throw answer;
        });
    }
}
