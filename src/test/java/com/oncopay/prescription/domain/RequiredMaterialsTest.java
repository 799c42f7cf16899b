package com.oncopay.prescription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #20 item 4: which of the application's materials (seed 004: 「病历资料（含首诊病历）、医学诊断书、基因检测、特药处方、
 * 病理检查报告、化验检查报告等医学材料和本产品理赔通知书」) a reviewer's approval needs, by the drug's classes.
 */
class RequiredMaterialsTest {
    /** The table shipped in application.properties. */
    static final RequiredMaterials SHIPPED = new RequiredMaterials(Map.of(
            "ALL",
            List.of(
                    MaterialKind.MEDICAL_RECORD_FIRST_DIAGNOSIS,
                    MaterialKind.DIAGNOSIS_CERTIFICATE,
                    MaterialKind.PRESCRIPTION,
                    MaterialKind.PATHOLOGY_REPORT),
            "BIOMARKER",
            List.of(MaterialKind.GENETIC_TEST),
            "INDICATION_RULE",
            List.of(MaterialKind.LAB_REPORT)));

    static final String BASE = "MEDICAL_RECORD_FIRST_DIAGNOSIS DIAGNOSIS_CERTIFICATE PRESCRIPTION PATHOLOGY_REPORT";

    static List<MaterialKind> kinds(String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.trim().split("\\s+"))
                        .map(MaterialKind::valueOf)
                        .toList();
    }

    @ParameterizedTest(name = "rule {0}, form {1} → classes {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                        | TABLET        | ALL TABLET",
                "''                      | INJECTION     | ALL INJECTION", // an empty rule is no rule
                "BIOMARKER:EGFR          | TABLET        | ALL BIOMARKER TABLET",
                "BIOMARKER:              | CAPSULE       | ALL BIOMARKER CAPSULE", // a rule naming no marker yet
                "CART_AXICABTAGENE_LBCL  | CELL_THERAPY  | ALL INDICATION_RULE CELL_THERAPY",
                "                        |               | ALL" // a drug the catalog no longer knows
            })
    void a_drug_is_in_classes_by_its_indication_rule_and_form(String rule, String form, String classes) {
        assertEquals(List.of(classes.split(" ")), RequiredMaterials.classesOf(rule, form));
    }

    @ParameterizedTest(name = "rule {0}, form {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "                       | INJECTION    | " + BASE,
                "BIOMARKER:EGFR         | TABLET       | MEDICAL_RECORD_FIRST_DIAGNOSIS DIAGNOSIS_CERTIFICATE GENETIC_TEST"
                        + " PRESCRIPTION PATHOLOGY_REPORT",
                "BIOMARKER:HER2         | INJECTION    | MEDICAL_RECORD_FIRST_DIAGNOSIS DIAGNOSIS_CERTIFICATE GENETIC_TEST"
                        + " PRESCRIPTION PATHOLOGY_REPORT",
                "CART_AXICABTAGENE_LBCL | CELL_THERAPY | " + BASE + " LAB_REPORT",
                "                       |              | " + BASE
            })
    void the_shipped_table_in_material_kind_order(String rule, String form, String required) {
        assertEquals(kinds(required), SHIPPED.requiredFor(rule, form));
    }

    @Test
    void a_form_class_adds_to_the_others_each_kind_once_and_an_unconfigured_class_needs_nothing() {
        RequiredMaterials rule = new RequiredMaterials(Map.of(
                "ALL", List.of(MaterialKind.PRESCRIPTION),
                "CELL_THERAPY", List.of(MaterialKind.LAB_REPORT, MaterialKind.PRESCRIPTION),
                "INDICATION_RULE", List.of(MaterialKind.LAB_REPORT)));
        assertEquals(
                List.of(MaterialKind.PRESCRIPTION, MaterialKind.LAB_REPORT),
                rule.requiredFor("CART_AXICABTAGENE_LBCL", "CELL_THERAPY"));
        assertEquals(List.of(MaterialKind.PRESCRIPTION), rule.requiredFor("BIOMARKER:EGFR", "TABLET"));
        assertEquals(List.of(), new RequiredMaterials(Map.of()).requiredFor("BIOMARKER:EGFR", "TABLET"));
    }

    @ParameterizedTest(name = "required {0}, received {1} → missing {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                BASE + " | " + BASE + " |", // all received: none missing
                BASE + " | " + BASE + " GENETIC_TEST LAB_REPORT CLAIM_NOTICE |", // more than required
                BASE + " | MEDICAL_RECORD_FIRST_DIAGNOSIS DIAGNOSIS_CERTIFICATE PRESCRIPTION | PATHOLOGY_REPORT",
                BASE + " | | " + BASE, // nothing received
                "GENETIC_TEST PRESCRIPTION | CLAIM_NOTICE | GENETIC_TEST PRESCRIPTION",
                " | | " // nothing required
            })
    void missing_are_the_required_not_received_in_the_order_required(String required, String received, String missing) {
        assertEquals(kinds(missing), RequiredMaterials.missing(kinds(required), kinds(received)));
    }
}
