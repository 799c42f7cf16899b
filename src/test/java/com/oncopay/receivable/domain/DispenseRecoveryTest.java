package com.oncopay.receivable.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.oncopay.receivable.domain.DispenseRecovery.Action;
import com.oncopay.receivable.domain.DispenseRecovery.Cause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DispenseRecoveryTest {
    @ParameterizedTest(name = "{0} reversed={1} released={2} by={3} share={4} asked={5} → {6} {7} {8} whole={9}")
    @CsvSource(
            nullValues = "-",
            value = {
                // a denial and a late reversal: the whole share, all the cover back
                "LIABILITY_DENIED, false, false, -,                72000, 0,     OPEN,         -,                          72000, true",
                "LATE_REVERSAL,    false, false, -,                72000, 0,     OPEN,         -,                          72000, true",
                // nothing paid by the insurer: no receivable, the deductible still comes back
                "LIABILITY_DENIED, false, false, -,                0,     0,     RELEASE_ONLY, -,                          0,     true",
                // a misuse receivable already recovers the share: cover back, no second receivable
                "LIABILITY_DENIED, false, false, MISUSE,           72000, 0,     RELEASE_ONLY, -,                          0,     true",
                "LATE_REVERSAL,    false, false, MISUSE,           72000, 0,     RELEASE_ONLY, -,                          0,     true",
                // once only
                "LATE_REVERSAL,    false, true,  MISUSE,           72000, 0,     REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "LATE_REVERSAL,    false, true,  LIABILITY_DENIED, 72000, 0,     REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "LIABILITY_DENIED, false, false, OVER_PAYMENT,     72000, 0,     REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "LATE_REVERSAL,    false, true,  -,                0,     0,     REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "LIABILITY_DENIED, true,  false, -,                72000, 0,     REFUSED,      ALREADY_REVERSED,           0,     false",
                "LATE_REVERSAL,    true,  false, MISUSE,           72000, 0,     REFUSED,      ALREADY_REVERSED,           0,     false",
                // an over-payment: a part of the share, that part of the sum insured back
                "OVER_PAYMENT,     false, false, -,                72000, 1,     OPEN,         -,                          1,     false",
                "OVER_PAYMENT,     false, false, -,                72000, 72000, OPEN,         -,                          72000, false",
                "OVER_PAYMENT,     false, false, -,                72000, 72001, REFUSED,      OVER_PAYMENT_EXCEEDS_SHARE, 0,     false",
                "OVER_PAYMENT,     false, false, -,                72000, 0,     REFUSED,      OVER_PAYMENT_EXCEEDS_SHARE, 0,     false",
                "OVER_PAYMENT,     false, false, -,                0,     1,     REFUSED,      OVER_PAYMENT_EXCEEDS_SHARE, 0,     false",
                "OVER_PAYMENT,     false, false, MISUSE,           72000, 100,   REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "OVER_PAYMENT,     false, true,  OVER_PAYMENT,     72000, 100,   REFUSED,      DISPENSE_RECOVERED,         0,     false",
                "OVER_PAYMENT,     true,  false, -,                72000, 100,   REFUSED,      ALREADY_REVERSED,           0,     false"
            })
    void decides(
            Cause cause,
            boolean reversed,
            boolean released,
            Cause by,
            long share,
            long asked,
            Action action,
            String refusal,
            long amount,
            boolean whole) {
        DispenseRecovery.Decision d = DispenseRecovery.decide(cause, reversed, released, by, share, asked);
        assertEquals(action, d.action());
        assertEquals(refusal, d.refusal());
        assertEquals(amount, d.amountFen());
        assertEquals(whole, d.releaseWhole());
    }

    @ParameterizedTest
    @EnumSource(
            value = Cause.class,
            names = {"MISUSE", "POLICY_CANCELLED"})
    void misuse_and_cancellation_have_rules_of_their_own(Cause cause) {
        assertThrows(IllegalArgumentException.class, () -> DispenseRecovery.decide(cause, false, false, null, 1, 0));
    }
}
