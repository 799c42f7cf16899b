package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityTest {
    static final ProductTerms GOLD = new ProductTerms(
            "GOLD",
            PlanLevel.GOLD,
            100_000_000,
            1_000_000,
            90,
            60,
            "C00",
            "C97",
            Map.of(new ProductTerms.RatioKey(2, true), 80, new ProductTerms.RatioKey(2, false), 70));
    static final Map<String, ProductTerms> PRODUCTS = Map.of("GOLD", GOLD);
    static final DrugFacts KEYTRUDA = new DrugFacts("D001", 2, false, false);

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static PolicyTerm term(String no, String from, String to, String previous) {
        return new PolicyTerm(no, "GOLD", d(from), d(to), previous);
    }

    static DiagnosisFact dx(String on) {
        return new DiagnosisFact("C34.9", d(on), true, true, true);
    }

    static Eligibility.Result eval(String on, List<PolicyTerm> policies, List<DiagnosisFact> dxs) {
        return Eligibility.evaluate(
                new Eligibility.Input(d(on), policies, PRODUCTS, dxs, Optional.of(KEYTRUDA), 0, 0, true));
    }

    @ParameterizedTest(name = "effective 2026-01-01, 90 days: diagnosis {0} → {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "2025-12-31, PRE_EXISTING",
                "2026-01-01, WAITING_PERIOD",
                "2026-03-31, WAITING_PERIOD",
                "2026-04-01, -",
                "2026-12-31, -"
            })
    void waiting_period_day_90_vs_day_91(String diagnosedOn, String reason) {
        Eligibility.Result r =
                eval("2026-12-31", List.of(term("P1", "2026-01-01", "2026-12-31", null)), List.of(dx(diagnosedOn)));
        assertEquals(d("2026-03-31"), r.waitingPeriodEndsOn());
        assertEquals(reason == null ? List.of() : List.of(reason), r.reasons());
        assertEquals(reason == null, r.eligible());
    }

    @Test
    void the_30_day_example_of_004() {
        ProductTerms thirty = new ProductTerms("T30", PlanLevel.GOLD, 1_000, 0, 30, 60, "C00", "C97", Map.of());
        PolicyTerm p = new PolicyTerm("P", "T30", d("2021-05-01"), d("2022-04-30"), null);
        assertEquals(d("2021-05-30"), RenewalChain.waitingPeriodEndsOn(List.of(p), thirty.waitingPeriodDays()));
    }

    @ParameterizedTest(name = "expiry 2026-12-31, renewal effective {0}: diagnosis {1} → {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                // renewal 60 days after expiry continues the chain: no new waiting period
                "2027-03-01, 2027-03-15, -",
                // 61 days starts a new chain with its own waiting period
                "2027-03-02, 2027-03-15, WAITING_PERIOD",
                "2027-03-02, 2027-05-30, WAITING_PERIOD",
                "2027-03-02, 2027-05-31, -",
                // a diagnosis in the gap between two terms of a chain is pre-existing for the next term
                "2027-03-01, 2027-02-01, PRE_EXISTING",
                // a first diagnosis in an earlier term of the chain (after its waiting period) still counts
                "2027-03-01, 2026-06-01, -",
                // ... but not across a broken chain
                "2027-03-02, 2026-06-01, PRE_EXISTING"
            })
    void renewal_within_60_days_continues_the_chain(String renewalEffective, String diagnosedOn, String reason) {
        LocalDate eff = d(renewalEffective);
        List<PolicyTerm> policies = List.of(
                term("P1", "2026-01-01", "2026-12-31", null),
                term("P2", renewalEffective, eff.plusYears(1).minusDays(1).toString(), "P1"));
        Eligibility.Result r = eval(eff.plusDays(100).toString(), policies, List.of(dx(diagnosedOn)));
        assertEquals("P2", r.policyNumber());
        assertEquals(reason == null ? List.of() : List.of(reason), r.reasons());
    }

    @Test
    void renewal_chain_boundaries_are_60_and_61_days() {
        PolicyTerm prev = term("P1", "2026-01-01", "2026-12-31", null);
        assertTrue(RenewalChain.continues(prev, term("P2", "2027-03-01", "2028-02-28", "P1"), 60));
        assertFalse(RenewalChain.continues(prev, term("P2", "2027-03-02", "2028-03-01", "P1"), 60));
        assertTrue(RenewalChain.continues(prev, term("P2", "2027-01-01", "2027-12-31", "P1"), 60));
    }

    @Test
    void no_policy_in_force() {
        Eligibility.Result r =
                eval("2027-06-01", List.of(term("P1", "2026-01-01", "2026-12-31", null)), List.of(dx("2026-06-01")));
        assertEquals(List.of(Eligibility.NO_POLICY_IN_FORCE), r.reasons());
        assertFalse(r.eligible());
    }

    @Test
    void several_failing_reasons_are_reported_together() {
        DiagnosisFact bad = new DiagnosisFact("C34.9", d("2026-02-01"), false, false, false);
        Eligibility.Result r = Eligibility.evaluate(new Eligibility.Input(
                d("2026-06-01"),
                List.of(term("P1", "2026-01-01", "2026-12-31", null)),
                PRODUCTS,
                List.of(bad),
                Optional.empty(),
                100_000_000,
                0,
                true));
        assertEquals(
                List.of(
                        Eligibility.NOT_FIRST_DIAGNOSIS,
                        Eligibility.WAITING_PERIOD,
                        Eligibility.HOSPITAL_NOT_DESIGNATED,
                        Eligibility.NOT_DIAGNOSED_BY_SPECIALIST,
                        Eligibility.DRUG_NOT_COVERED,
                        Eligibility.SUM_INSURED_EXHAUSTED),
                r.reasons());
        assertEquals(0L, r.sumInsuredRemainingFen());
    }

    @ParameterizedTest
    @CsvSource({"D05.1, NOT_MALIGNANT_TUMOUR", "C97, -", "C00.0, -", "D00, NOT_MALIGNANT_TUMOUR"})
    void only_c00_to_c97_is_a_malignant_tumour(String icd, String reason) {
        DiagnosisFact f = new DiagnosisFact(icd, d("2026-06-01"), true, true, true);
        Eligibility.Result r = eval("2026-07-01", List.of(term("P1", "2026-01-01", "2026-12-31", null)), List.of(f));
        assertEquals("-".equals(reason) ? List.of() : List.of(reason), r.reasons());
    }

    @Test
    void the_earliest_malignant_diagnosis_is_the_one_that_counts_and_later_ones_are_ignored() {
        List<PolicyTerm> p = List.of(term("P1", "2026-01-01", "2026-12-31", null));
        // first diagnosed before cover; a later "first" diagnosis does not make it covered
        assertEquals(
                List.of(Eligibility.PRE_EXISTING),
                eval("2026-08-01", p, List.of(dx("2026-06-01"), dx("2025-06-01")))
                        .reasons());
        // a diagnosis after the day asked about is not yet known
        assertEquals(
                List.of(Eligibility.NOT_MALIGNANT_TUMOUR),
                eval("2026-05-01", p, List.of(dx("2026-06-01"))).reasons());
    }

    static List<String> codes(String list) {
        return list == null ? List.of() : Arrays.asList(list.split(";"));
    }

    /** #19 item 1: a benign diagnosis no longer hides the other reasons; all are listed, in the documented order. */
    @ParameterizedTest(name = "{0} on {1}, designated={2} specialist={3} first={4} → {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                // benign + waiting period + undesignated hospital + not the first diagnosis: all four
                "D12.0, 2026-02-01, false, true, false,"
                        + " NOT_MALIGNANT_TUMOUR;NOT_FIRST_DIAGNOSIS;WAITING_PERIOD;HOSPITAL_NOT_DESIGNATED",
                // benign, every other check failing too: all five
                "D12.0, 2026-02-01, false, false, false,"
                        + " NOT_MALIGNANT_TUMOUR;NOT_FIRST_DIAGNOSIS;WAITING_PERIOD;HOSPITAL_NOT_DESIGNATED;NOT_DIAGNOSED_BY_SPECIALIST",
                // benign on day 90 of the waiting period (ends 2026-03-31) vs day 91
                "D12.0, 2026-03-31, true, true, true, NOT_MALIGNANT_TUMOUR;WAITING_PERIOD",
                "D12.0, 2026-04-01, true, true, true, NOT_MALIGNANT_TUMOUR",
                // benign before cover began
                "D12.0, 2025-12-01, true, false, true, NOT_MALIGNANT_TUMOUR;PRE_EXISTING;NOT_DIAGNOSED_BY_SPECIALIST",
                // carcinoma in situ (D0x) is not malignant either
                "D05.1, 2026-02-01, false, true, true, NOT_MALIGNANT_TUMOUR;WAITING_PERIOD;HOSPITAL_NOT_DESIGNATED",
                // malignant: the same checks, without NOT_MALIGNANT_TUMOUR
                "C34.9, 2026-02-01, false, false, false,"
                        + " NOT_FIRST_DIAGNOSIS;WAITING_PERIOD;HOSPITAL_NOT_DESIGNATED;NOT_DIAGNOSED_BY_SPECIALIST",
                "C34.9, 2026-03-31, true, true, true, WAITING_PERIOD",
                "C34.9, 2026-04-01, true, true, true, -",
                "C34.9, 2026-04-01, false, true, false, NOT_FIRST_DIAGNOSIS;HOSPITAL_NOT_DESIGNATED"
            })
    void every_failing_reason_is_listed_whatever_the_diagnosis(
            String icd, String on, boolean designated, boolean specialist, boolean first, String expected) {
        DiagnosisFact f = new DiagnosisFact(icd, d(on), designated, specialist, first);
        Eligibility.Result r = eval("2026-06-01", List.of(term("P1", "2026-01-01", "2026-12-31", null)), List.of(f));
        assertEquals(codes(expected), r.reasons());
        assertEquals(expected == null, r.eligible());
        assertEquals(d("2026-03-31"), r.waitingPeriodEndsOn());
    }

    @ParameterizedTest(name = "diagnoses {0} → {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                // a later malignant diagnosis is the one the claim is about, not the earlier benign one
                "D12.0@2026-02-01!;C34.9@2026-05-01, -",
                // a malignant diagnosis in the waiting period wins over an earlier benign one outside it
                "D12.0@2026-05-01;C34.9@2026-02-01, WAITING_PERIOD",
                // only benign ones: the earliest is checked
                "D12.0@2026-02-01!;D12.0@2026-05-01, NOT_MALIGNANT_TUMOUR;WAITING_PERIOD;HOSPITAL_NOT_DESIGNATED",
                // nothing diagnosed by the day: only NOT_MALIGNANT_TUMOUR can be said
                "C34.9@2026-07-01, NOT_MALIGNANT_TUMOUR"
            })
    void the_diagnosis_the_claim_is_about(String diagnoses, String expected) {
        List<DiagnosisFact> dxs = Arrays.stream(diagnoses.split(";"))
                .map(x -> {
                    boolean undesignated = x.endsWith("!");
                    String[] p = x.replace("!", "").split("@");
                    return new DiagnosisFact(p[0], d(p[1]), !undesignated, true, true);
                })
                .toList();
        Eligibility.Result r = eval("2026-06-01", List.of(term("P1", "2026-01-01", "2026-12-31", null)), dxs);
        assertEquals(codes(expected), r.reasons());
    }

    @ParameterizedTest(name = "no policy in force: {0} → {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                // the policy lapsed: the diagnosis facts and the drug are still judged; waiting period and sum are not
                "P1, D12.0, false, false, false, true,"
                        + " NO_POLICY_IN_FORCE;NOT_MALIGNANT_TUMOUR;NOT_FIRST_DIAGNOSIS;HOSPITAL_NOT_DESIGNATED;"
                        + "NOT_DIAGNOSED_BY_SPECIALIST;DRUG_NOT_COVERED",
                "P1, C34.9, true, true, true, true, NO_POLICY_IN_FORCE;DRUG_NOT_COVERED",
                "P1, C34.9, true, true, true, false, NO_POLICY_IN_FORCE",
                "P1, C34.9, false, true, true, false, NO_POLICY_IN_FORCE;HOSPITAL_NOT_DESIGNATED",
                // no policy ever: malignancy judged on 004's C00-C97
                "-, D12.0, true, true, true, false, NO_POLICY_IN_FORCE;NOT_MALIGNANT_TUMOUR",
                "-, C34.9, true, true, false, true, NO_POLICY_IN_FORCE;NOT_FIRST_DIAGNOSIS;DRUG_NOT_COVERED"
            })
    void without_a_policy_in_force_the_independent_reasons_are_still_listed(
            String policy,
            String icd,
            boolean designated,
            boolean specialist,
            boolean first,
            boolean drugMissing,
            String expected) {
        List<PolicyTerm> policies =
                policy == null ? List.of() : List.of(term(policy, "2026-01-01", "2026-12-31", null));
        Eligibility.Result r = Eligibility.evaluate(new Eligibility.Input(
                d("2027-06-01"),
                policies,
                PRODUCTS,
                List.of(new DiagnosisFact(icd, d("2026-02-01"), designated, specialist, first)),
                drugMissing ? Optional.empty() : Optional.of(KEYTRUDA),
                100_000_000,
                0,
                true));
        assertEquals(codes(expected), r.reasons());
        assertFalse(r.eligible());
        assertEquals(null, r.sumInsuredRemainingFen());
    }

    @Test
    void no_policy_and_nothing_diagnosed() {
        Eligibility.Result r = Eligibility.evaluate(new Eligibility.Input(
                d("2027-06-01"), List.of(), PRODUCTS, List.of(), Optional.of(KEYTRUDA), 0, 0, true));
        assertEquals(List.of(Eligibility.NO_POLICY_IN_FORCE, Eligibility.NOT_MALIGNANT_TUMOUR), r.reasons());
    }

    @Test
    void remaining_amounts_and_ratio_come_from_the_product_and_accumulators() {
        Eligibility.Result r = Eligibility.evaluate(new Eligibility.Input(
                d("2026-06-01"),
                List.of(term("P1", "2026-01-01", "2026-12-31", null)),
                PRODUCTS,
                List.of(dx("2026-05-01")),
                Optional.of(KEYTRUDA),
                30_000_000,
                400_000,
                false));
        assertTrue(r.eligible());
        assertEquals(70_000_000L, r.sumInsuredRemainingFen());
        assertEquals(600_000L, r.deductibleRemainingFen());
        assertEquals(70, r.ratioPercent());
        assertEquals(2, r.tier());
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, true, PICKUP;DELIVERY",
        "true, false, true, PICKUP",
        "true, false, false, PICKUP;DELIVERY",
        "false, true, false, HOSPITAL",
        "false, true, true, HOSPITAL",
        "true, true, true, HOSPITAL"
    })
    void fulfilment_modes(boolean nrdl, boolean hospitalOnly, boolean socialInsurance, String modes) {
        assertEquals(
                Arrays.stream(modes.split(";")).map(Eligibility.Mode::valueOf).toList(),
                Eligibility.modes(new DrugFacts("D1", 2, nrdl, hospitalOnly), socialInsurance));
    }
}
