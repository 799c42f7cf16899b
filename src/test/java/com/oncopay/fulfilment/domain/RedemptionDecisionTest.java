package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedemptionDecisionTest {
    static final Instant NOW = Instant.parse("2026-06-01T04:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-06-01");
    static final LocalDate FROM = LocalDate.parse("2026-01-01");
    static final LocalDate TO = LocalDate.parse("2026-12-31");

    /** Locked until NOW + lockedSeconds (null when blank); expires at NOW + expirySeconds. */
    @ParameterizedTest(name = "{index}: {0}/{1} {2}→{3} fails {4} lock {5}s expiry {6}s id {7} price {8} → {9}")
    @CsvSource(
            nullValues = "-",
            value = {
                // found, status, pickup, bound, caller, failed, lockedSeconds, expirySeconds, identity, price, refusal
                "false, RESERVED,  true,  PH1, PH1, 0, -,    60,  true,  true,  UNKNOWN_CODE",
                // locked wins over every later check, even another pharmacy or a used code
                "true,  RESERVED,  true,  PH2, PH1, 10, 1,   60,  false, false, LOCKED",
                "true,  REDEEMED,  true,  PH1, PH1, 10, 3600, 60, true,  true,  LOCKED",
                // the lock's end instant: no longer locked
                "true,  RESERVED,  true,  PH1, PH1, 10, 0,   60,  true,  true,  -",
                "true,  RESERVED,  true,  PH1, PH1, 10, -1,  60,  true,  true,  -",
                // nine failures and no lock: still usable
                "true,  RESERVED,  true,  PH1, PH1, 9,  -,   60,  true,  true,  -",
                "true,  RESERVED,  true,  PH2, PH1, 0,  -,   60,  true,  true,  WRONG_PHARMACY",
                "true,  REDEEMED,  true,  PH2, PH1, 0,  -,   60,  true,  true,  WRONG_PHARMACY",
                "true,  REDEEMED,  true,  PH1, PH1, 0,  -,   60,  true,  true,  ALREADY_REDEEMED",
                "true,  REVERSED,  true,  PH1, PH1, 0,  -,   60,  true,  true,  ALREADY_REDEEMED",
                "true,  DELIVERED, false, PH1, PH1, 0,  -,   60,  true,  true,  ALREADY_REDEEMED",
                "true,  CANCELLED, true,  PH1, PH1, 0,  -,   60,  true,  true,  NOT_REDEEMABLE",
                "true,  REQUESTED, false, PH1, PH1, 0,  -,   60,  true,  true,  NOT_REDEEMABLE",
                "true,  RESERVED,  false, PH1, PH1, 0,  -,   60,  true,  true,  NOT_REDEEMABLE",
                // the expiry instant itself is expired; one second before is not
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   0,   true,  true,  EXPIRED",
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   -1,  true,  true,  EXPIRED",
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   1,   true,  true,  -",
                "true,  CANCELLED, true,  PH1, PH1, 0,  -,   -1,  true,  true,  NOT_REDEEMABLE",
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   60,  false, false, IDENTITY_MISMATCH",
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   60,  true,  false, NO_CONTRACT_PRICE",
                // a preview does not check the identity
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   60,  -,     false, NO_CONTRACT_PRICE",
                "true,  RESERVED,  true,  PH1, PH1, 0,  -,   60,  -,     true,  -",
            })
    void decides(
            boolean found,
            FulfilmentStatus status,
            boolean pickup,
            String bound,
            String callerPharmacy,
            int failed,
            Long lockedSeconds,
            long expirySeconds,
            Boolean identity,
            boolean price,
            RedemptionDecision.Refusal expected) {
        AttemptLock.State attempts =
                new AttemptLock.State(failed, lockedSeconds == null ? null : NOW.plusSeconds(lockedSeconds));
        RedemptionDecision.Facts facts = new RedemptionDecision.Facts(
                found,
                status,
                pickup,
                bound,
                callerPharmacy,
                attempts,
                NOW.plusSeconds(expirySeconds),
                identity,
                price,
                NOW,
                FROM,
                TO,
                TODAY);
        RedemptionDecision.Refusal r = RedemptionDecision.decide(facts);
        if (expected == null) assertNull(r);
        else assertEquals(expected, r);
    }

    /** The 10th failure locks (the limit), the 9th does not: then the next redemption is LOCKED. */
    @ParameterizedTest(name = "{0} failures before → locked {1}")
    @CsvSource({"8, false", "9, true", "10, true"})
    void the_limit_th_failure_locks_the_code(int before, boolean locked) {
        AttemptLock.State after =
                AttemptLock.afterFailure(new AttemptLock.State(before, null), NOW, 10, Duration.ofHours(1));
        RedemptionDecision.Facts facts = new RedemptionDecision.Facts(
                true,
                FulfilmentStatus.RESERVED,
                true,
                "PH1",
                "PH1",
                after,
                NOW.plusSeconds(60),
                true,
                true,
                NOW,
                FROM,
                TO,
                TODAY);
        assertEquals(locked ? RedemptionDecision.Refusal.LOCKED : null, RedemptionDecision.decide(facts));
    }

    @ParameterizedTest
    @CsvSource({
        "UNKNOWN_CODE, NOT_FOUND, CODE_UNKNOWN, false",
        "WRONG_PHARMACY, NOT_FOUND, CODE_UNKNOWN, true",
        "ALREADY_REDEEMED, CONFLICT, CODE_ALREADY_REDEEMED, false",
        "NOT_REDEEMABLE, GONE, CODE_EXPIRED, false",
        "EXPIRED, GONE, CODE_EXPIRED, false",
        "IDENTITY_MISMATCH, RULE, IDENTITY_MISMATCH, true",
        "POLICY_NOT_IN_FORCE, RULE, POLICY_NOT_IN_FORCE, false",
        "NO_CONTRACT_PRICE, RULE, NO_CONTRACT_PRICE, false"
    })
    void answers(
            RedemptionDecision.Refusal r, com.oncopay.platform.domain.Refused.Kind kind, String code, boolean counted) {
        assertEquals(kind, r.kind);
        assertEquals(code, r.code);
        assertEquals(counted, r.counted);
    }

    /**
     * 「用药时长与保险责任一致」: the policy's term must cover the day of the hand-over, both ends included;
     * a code that is used or expired answers as such first, a wrong identity before the policy, the
     * policy before the contract price; a preview (identity not checked) is refused too.
     */
    @ParameterizedTest(name = "{index}: {0} term {1}..{2} on {3} status {4} expiry {5}s id {6} price {7} → {8}")
    @CsvSource(
            nullValues = "-",
            value = {
                // case, coverFrom, coverTo, today, status, expirySeconds, identity, price, refusal
                "last day,            2026-01-01, 2026-06-01, 2026-06-01, RESERVED, 60, true,  true,  -",
                "day after last,      2026-01-01, 2026-05-31, 2026-06-01, RESERVED, 60, true,  true,  POLICY_NOT_IN_FORCE",
                "first day,           2026-06-01, 2027-05-31, 2026-06-01, RESERVED, 60, true,  true,  -",
                "day before first,    2026-06-02, 2027-06-01, 2026-06-01, RESERVED, 60, true,  true,  POLICY_NOT_IN_FORCE",
                "one-day term,        2026-06-01, 2026-06-01, 2026-06-01, RESERVED, 60, true,  true,  -",
                "no term,             -,          -,          2026-06-01, RESERVED, 60, true,  true,  POLICY_NOT_IN_FORCE",
                "preview,             2026-01-01, 2026-05-31, 2026-06-01, RESERVED, 60, -,     true,  POLICY_NOT_IN_FORCE",
                "used code first,     2026-01-01, 2026-05-31, 2026-06-01, REDEEMED, 60, true,  true,  ALREADY_REDEEMED",
                "expired code first,  2026-01-01, 2026-05-31, 2026-06-01, RESERVED, 0,  true,  true,  EXPIRED",
                "identity first,      2026-01-01, 2026-05-31, 2026-06-01, RESERVED, 60, false, true,  IDENTITY_MISMATCH",
                "policy before price, 2026-01-01, 2026-05-31, 2026-06-01, RESERVED, 60, true,  false, POLICY_NOT_IN_FORCE",
            })
    void the_policy_must_be_in_force_on_the_day_of_the_hand_over(
            String name,
            LocalDate from,
            LocalDate to,
            LocalDate today,
            FulfilmentStatus status,
            long expirySeconds,
            Boolean identity,
            boolean price,
            RedemptionDecision.Refusal expected) {
        RedemptionDecision.Facts facts = new RedemptionDecision.Facts(
                true,
                status,
                true,
                "PH1",
                "PH1",
                new AttemptLock.State(0, null),
                NOW.plusSeconds(expirySeconds),
                identity,
                price,
                NOW,
                from,
                to,
                today);
        assertEquals(expected, RedemptionDecision.decide(facts), name);
    }
}
