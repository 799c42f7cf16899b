package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.domain.Refused;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 004 line 325: 自您签收本主险合同…次日起，有 15 日的犹豫期，犹豫期内提出解除合同，我们将无息退还您所支付的全部保险费. */
class PolicyCancellationTest {
    static LocalDate d(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    @ParameterizedTest(name = "term 2026-11-01..2027-10-31 received {0}, {1} effective {2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // no receipt recorded: the effective date counts as it; day 1 is 11-02, day 15 is 11-16
                "-, COOLING_OFF, 2026-11-01, OK 2026-11-16 2026-11-01 FULL",
                "-, COOLING_OFF, 2026-11-16, OK 2026-11-16 2026-11-01 FULL",
                "-, COOLING_OFF, 2026-11-17, RULE COOLING_OFF_PERIOD_OVER",
                // received later than the effective date (an electronic policy sent afterwards): counted from receipt
                "2026-11-10, COOLING_OFF, 2026-11-25, OK 2026-11-25 2026-11-01 FULL",
                "2026-11-10, COOLING_OFF, 2026-11-26, RULE COOLING_OFF_PERIOD_OVER",
                // received before the start: the period may end before much of the term has run
                "2026-10-20, COOLING_OFF, 2026-11-04, OK 2026-11-04 2026-11-01 FULL",
                "2026-10-20, COOLING_OFF, 2026-11-05, RULE COOLING_OFF_PERIOD_OVER",
                // a termination (or a misuse cancellation) ends cover the day before its effective date, any day of the
                // term
                "-, TERMINATION, 2026-11-17, OK 2026-11-16 2026-11-17 PER_TERMS",
                "-, TERMINATION, 2026-11-05, OK 2026-11-16 2026-11-05 PER_TERMS",
                "-, MISUSE, 2027-10-31, OK 2026-11-16 2027-10-31 PER_TERMS",
                "-, TERMINATION, 2026-11-01, OK 2026-11-16 2026-11-01 PER_TERMS",
                // the effective date lies inside the term
                "-, TERMINATION, 2026-10-31, RULE CANCELLATION_BEFORE_POLICY_START",
                "-, COOLING_OFF, 2026-10-31, RULE CANCELLATION_BEFORE_POLICY_START",
                "-, TERMINATION, 2027-11-01, RULE CANCELLATION_AFTER_POLICY_END",
            })
    void cooling_off_day_15_vs_16_and_the_effective_date_inside_the_term(
            LocalDate received, PolicyCancellation.Reason reason, LocalDate effective, String expected) {
        var term = new PolicyCancellation.Term("P1", d("2026-11-01"), d("2027-10-31"), received, false);
        String actual;
        try {
            var decision = PolicyCancellation.decide(term, reason, effective);
            actual = "OK " + decision.coolingOffEndsOn() + " " + decision.cancelledFrom() + " "
                    + (decision.fullPremiumRefund() ? "FULL" : "PER_TERMS");
        } catch (Refused r) {
            actual = r.kind() + " " + r.code();
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"COOLING_OFF", "TERMINATION", "MISUSE"})
    void a_policy_is_cancelled_once_whatever_the_second_request_says(PolicyCancellation.Reason reason) {
        var cancelled = new PolicyCancellation.Term("P1", d("2026-11-01"), d("2027-10-31"), null, true);
        Refused r = assertThrows(Refused.class, () -> PolicyCancellation.decide(cancelled, reason, d("2030-01-01")));
        assertEquals(Refused.Kind.CONFLICT, r.kind());
        assertEquals("POLICY_ALREADY_CANCELLED", r.code());
    }

    @ParameterizedTest(name = "cancelled from {0}: last covered {1}; covers 11-01 {2}, 11-19 {3}, 11-20 {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, 2027-10-31, true, true, true",
                // terminated from 11-20: 11-19 is the last day of cover
                "2026-11-20, 2026-11-19, true, true, false",
                // void from its first day (cooling-off): no day is covered
                "2026-11-01, 2026-10-31, false, false, false",
            })
    void a_cancelled_term_covers_up_to_the_day_before(
            LocalDate cancelledFrom, LocalDate lastCovered, boolean first, boolean before, boolean from) {
        var t = new PolicyTerm("P1", "GOLD", d("2026-11-01"), d("2027-10-31"), null, cancelledFrom);
        assertEquals(lastCovered, t.lastCoveredDay());
        assertEquals(first, t.covers(d("2026-11-01")));
        assertEquals(before, t.covers(d("2026-11-19")));
        assertEquals(from, t.covers(d("2026-11-20")));
    }

    static final ProductTerms GOLD = EligibilityTest.GOLD;

    /**
     * Renewal chains with a cancelled term (decision, seed 004: 「上一保险期间届满后的60日内成功重新投保本产品…无等待期」): the cancelled
     * term keeps its chain for the days it covered; a term after it starts a new chain (a new 90-day waiting period).
     * P1 2025-01-01..2025-12-31, P2 2026-01-01..2026-12-31 renews P1, P3 2027-01-01..2027-12-31 renews P2; the first
     * diagnosis is on {1}.
     */
    @ParameterizedTest(name = "P2 cancelled from {0}, diagnosis {1}, asked on {2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                // nothing cancelled: one chain from 2025-01-01, no waiting period in 2027
                "-, 2027-01-10, 2027-02-01, P3 2025-01-01 eligible",
                // P2 terminated from 2026-07-01: P2's own covered days keep the chain with P1
                "2026-07-01, 2026-03-01, 2026-06-30, P2 2025-01-01 eligible",
                // …and from the cancellation on there is no cover
                "2026-07-01, 2026-03-01, 2026-07-01, - - NO_POLICY_IN_FORCE",
                // P3 after the terminated P2 starts a new chain: diagnosed on its day 90 → waiting period, day 91 →
                // covered
                "2026-07-01, 2027-03-31, 2027-04-15, P3 2027-01-01 WAITING_PERIOD",
                "2026-07-01, 2027-04-01, 2027-04-15, P3 2027-01-01 eligible",
                // a diagnosis made in the cancelled months lies outside the new chain: pre-existing for P3
                "2026-08-01, 2026-07-15, 2027-04-15, P3 2027-01-01 PRE_EXISTING",
                // P2 void from its start (cooling-off): the same for P3
                "2026-01-01, 2027-03-31, 2027-04-15, P3 2027-01-01 WAITING_PERIOD",
                // P2 terminated on its very last day: still not 届满, P3 starts again
                "2026-12-31, 2027-01-10, 2027-02-01, P3 2027-01-01 WAITING_PERIOD",
            })
    void a_term_after_a_cancelled_term_starts_a_new_chain(
            LocalDate p2CancelledFrom, LocalDate diagnosed, LocalDate on, String expected) {
        List<PolicyTerm> terms = List.of(
                new PolicyTerm("P1", "GOLD", d("2025-01-01"), d("2025-12-31"), null),
                new PolicyTerm("P2", "GOLD", d("2026-01-01"), d("2026-12-31"), "P1", p2CancelledFrom),
                new PolicyTerm("P3", "GOLD", d("2027-01-01"), d("2027-12-31"), "P2"));
        Eligibility.Result r = Eligibility.evaluate(new Eligibility.Input(
                on,
                terms,
                Map.of("GOLD", GOLD),
                List.of(new DiagnosisFact("C34.9", diagnosed, true, true, true)),
                Optional.of(EligibilityTest.KEYTRUDA),
                0,
                0,
                true));
        String actual = (r.policyNumber() == null ? "-" : r.policyNumber()) + " "
                + (r.chainStart() == null ? "-" : r.chainStart()) + " "
                + (r.eligible() ? "eligible" : String.join(",", r.reasons()));
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "previous cancelled from {0}: continues {1}")
    @CsvSource(
            nullValues = "-",
            value = {"-, true", "2026-12-31, false", "2026-06-01, false", "2026-01-01, false"})
    void continuity_needs_a_previous_term_that_ran_to_its_end(LocalDate cancelledFrom, boolean continues) {
        var previous = new PolicyTerm("P1", "GOLD", d("2026-01-01"), d("2026-12-31"), null, cancelledFrom);
        var renewal = new PolicyTerm("P2", "GOLD", d("2027-01-01"), d("2027-12-31"), "P1");
        assertEquals(continues, RenewalChain.continues(previous, renewal, 60));
        assertEquals(cancelledFrom != null, previous.cancelled());
        assertTrue(renewal.covers(d("2027-12-31")));
        assertFalse(renewal.cancelled());
    }
}
