package com.oncopay.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three CAR-T restrictions of 004 附件二 and the biomarker rules, at their boundaries. */
class IndicationRulesTest {
    private static IndicationRules rules;

    @BeforeAll
    static void load() throws IOException {
        rules = IndicationRules.parse(
                "indication-rules.tsv",
                Files.readString(Path.of("drug-catalog/indication-rules.tsv")),
                "therapy-classes.tsv",
                Files.readString(Path.of("drug-catalog/therapy-classes.tsv")));
    }

    private static Integer n(String s) {
        return s == null || s.isEmpty() ? null : Integer.valueOf(s);
    }

    private static List<String> list(String s) {
        return s == null || s.isEmpty() ? null : Arrays.asList(s.split(";"));
    }

    @ParameterizedTest(name = "104 阿基仑赛: age {0}, {1}, {2} prior lines, {3}, relapse after {4} months → {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                // age, icd, prior lines, status, months to relapse, expected, reason
                "18, C83.3, 2, RELAPSED,   -,  MET, -",
                "17, C83.3, 2, RELAPSED,   -,  NOT_MET, AGE_BELOW_MINIMUM",
                "18, C83.3, 2, REFRACTORY, -,  MET, -",
                "18, C85.2, 3, REFRACTORY, -,  MET, -",
                "18, C83.3, 1, RELAPSED,   12, MET, -",
                "18, C83.3, 1, RELAPSED,   13, NOT_MET, RELAPSE_OUTSIDE_WINDOW",
                "18, C83.3, 1, REFRACTORY, -,  MET, -",
                "18, C83.3, 0, REFRACTORY, -,  NOT_MET, TOO_FEW_PRIOR_LINES",
                "18, C90.0, 2, RELAPSED,   -,  NOT_MET, DIAGNOSIS_NOT_INDICATED",
                "18, C83.3, 2, NEWLY_DIAGNOSED, -, NOT_MET, NOT_RELAPSED_OR_REFRACTORY",
                "-,  C83.3, 2, RELAPSED,   -,  NEEDS_REVIEW, -",
                "18, C83.3, -, RELAPSED,   -,  NEEDS_REVIEW, -",
                "18, C83.3, 1, RELAPSED,   -,  NEEDS_REVIEW, -"
            })
    void axicabtagene(
            String age, String icd, String lines, String status, String months, String expected, String reason) {
        IndicationResult r = rules.evaluate(
                "CART_AXICABTAGENE_LBCL", new ClinicalFacts(n(age), icd, n(lines), status, n(months), null, null));
        assertEquals(IndicationResult.Status.valueOf(expected), r.status(), r.toString());
        if (reason != null) assertTrue(r.reasons().contains(reason), r.toString());
    }

    @ParameterizedTest(name = "105 瑞基奥仑赛: age {0}, {1}, {2} prior lines, {3}, relapse after {4} months → {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                "18, C83.3, 2, RELAPSED,   -,  MET, -",
                "18, C83.3, 1, RELAPSED,   6,  NOT_MET, TOO_FEW_PRIOR_LINES",
                "17, C83.3, 2, REFRACTORY, -,  NOT_MET, AGE_BELOW_MINIMUM",
                "18, C82.4, 2, REFRACTORY, -,  MET, -",
                "18, C82.0, 2, RELAPSED,   24, MET, -",
                "18, C82.3, 2, RELAPSED,   25, NOT_MET, RELAPSE_OUTSIDE_WINDOW",
                "18, C82.1, 2, REFRACTORY, -,  MET, -",
                "18, C82.1, 1, REFRACTORY, -,  NOT_MET, TOO_FEW_PRIOR_LINES",
                "18, C90.0, 2, REFRACTORY, -,  NOT_MET, DIAGNOSIS_NOT_INDICATED"
            })
    void relmacabtagene(
            String age, String icd, String lines, String status, String months, String expected, String reason) {
        IndicationResult r = rules.evaluate(
                "CART_RELMACABTAGENE_LBCL_FL", new ClinicalFacts(n(age), icd, n(lines), status, n(months), null, null));
        assertEquals(IndicationResult.Status.valueOf(expected), r.status(), r.toString());
        if (reason != null) assertTrue(r.reasons().contains(reason), r.toString());
    }

    @ParameterizedTest(name = "142 伊基奥仑赛: age {0}, {1} prior lines, prior {2} → {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "18, 3, bortezomib;lenalidomide, MET, -",
                "18, 2, bortezomib;lenalidomide, NOT_MET, TOO_FEW_PRIOR_LINES",
                "17, 3, bortezomib;lenalidomide, NOT_MET, AGE_BELOW_MINIMUM",
                "18, 4, 卡非佐米;泊马度胺, MET, -",
                "18, 3, PROTEASOME_INHIBITOR;IMMUNOMODULATOR, MET, -",
                "18, 3, bortezomib;daratumumab, NOT_MET, PRIOR_IMMUNOMODULATOR_MISSING",
                "18, 3, lenalidomide, NOT_MET, PRIOR_PROTEASOME_INHIBITOR_MISSING",
                "18, 3, -, NEEDS_REVIEW, -"
            })
    void equecabtagene(String age, String lines, String prior, String expected, String reason) {
        IndicationResult r = rules.evaluate(
                "CART_EQUECABTAGENE_MM",
                new ClinicalFacts(n(age), "C90.0", n(lines), "RELAPSED", null, list(prior), null));
        assertEquals(IndicationResult.Status.valueOf(expected), r.status(), r.toString());
        if (reason != null) assertTrue(r.reasons().contains(reason), r.toString());
    }

    @Test
    void needs_review_lists_the_missing_facts() {
        IndicationResult r = rules.evaluate("CART_EQUECABTAGENE_MM", ClinicalFacts.NONE);
        assertEquals(IndicationResult.Status.NEEDS_REVIEW, r.status());
        assertTrue(
                r.missingFacts()
                        .containsAll(
                                List.of("ageYears", "diagnosisIcd10", "priorLines", "diseaseStatus", "priorTherapies")),
                r.toString());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {"POSITIVE, MET", "L858R, MET", "NEGATIVE, NOT_MET", "阴性, NOT_MET", "-, NEEDS_REVIEW"})
    void biomarker_rules(String egfr, String expected) {
        Map<String, String> markers = egfr == null ? Map.of() : Map.of("egfr", egfr);
        IndicationResult r =
                rules.evaluate("BIOMARKER:EGFR", new ClinicalFacts(60, "C34.9", 0, null, null, null, markers));
        assertEquals(IndicationResult.Status.valueOf(expected), r.status());
    }

    @Test
    void no_rule_means_no_restriction() {
        assertEquals(
                IndicationResult.Status.MET,
                rules.evaluate(null, ClinicalFacts.NONE).status());
        assertEquals(
                IndicationResult.Status.MET,
                rules.evaluate("", ClinicalFacts.NONE).status());
    }

    @Test
    void a_malformed_rules_file_is_rejected_with_its_line() {
        String bad =
                "rule\tpathway\tminAge\tdiagnosisIcd10\tminPriorLines\tmaxPriorLines\tdiseaseStatus\trelapseWithinMonths\trequiredPriorClasses\tsource\n"
                        + "CART_X\tA\teighteen\tC90.0\t3\t\t\t\t\tx\n";
        CatalogFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                CatalogFormatException.class,
                () -> IndicationRules.parse("indication-rules.tsv", bad, "therapy-classes.tsv", "term\tclass\n"));
        assertEquals(2, e.problems().get(0).line());
    }
}
