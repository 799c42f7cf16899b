package com.oncopay.assistance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.adjudication.domain.DirectPay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AidRuleTest {
    static final AidProgramme THREE_PLUS_THREE =
            new AidProgramme("P", "n", "f", List.of("D001"), 3, 3, 1, 30, List.of("PH", "PH2"), List.of("PERSONAL"));

    @ParameterizedTest(name = "fill {0}, case {1}, mainland {2}, at {3} → {4} {5} {6}")
    @CsvSource(
            nullValues = "-",
            value = {
                "3, NO_CASE, true, PH, NONE, 0, -",
                "4, NO_CASE, true, PH, MEMBER_COST, 1, AID_NOT_APPLIED",
                "4, GRANTED, true, PH, DONATED, 1, -",
                "6, GRANTED, true, PH, DONATED, 1, -",
                "7, GRANTED, true, PH, NONE, 0, -",
                "4, REFUSED_INCOMPLETE, true, PH, MEMBER_COST, 1, AID_NOT_APPLIED",
                "4, REFUSED_OTHER, true, PH, NONE, 0, -",
                "4, FORFEITED, true, PH, MEMBER_COST, 1, AID_FORFEITED",
                "4, NO_CASE, false, PH, NONE, 0, -",
                // 「至慈善基金会定点药房领取赠药」: a donated cycle elsewhere is an insured fill with the notice and why
                "4, GRANTED, true, PH2, DONATED, 1, -",
                "4, GRANTED, true, OTHER, NONE, 0, AID_NOT_APPLIED+AID_PHARMACY_NOT_DESIGNATED",
                "6, GRANTED, true, OTHER, NONE, 0, AID_NOT_APPLIED+AID_PHARMACY_NOT_DESIGNATED",
                "4, GRANTED, true, ph, NONE, 0, AID_NOT_APPLIED+AID_PHARMACY_NOT_DESIGNATED",
                "4, GRANTED, true, -, NONE, 0, AID_NOT_APPLIED+AID_PHARMACY_NOT_DESIGNATED",
                // outside the donated cycles, or not the programme's business, the pharmacy does not matter
                "3, GRANTED, true, OTHER, NONE, 0, -",
                "7, GRANTED, true, OTHER, NONE, 0, -",
                "4, GRANTED, false, OTHER, NONE, 0, -",
                "4, REFUSED_OTHER, true, OTHER, NONE, 0, -",
                // not applying is the member's cost wherever the fill is
                "4, NO_CASE, true, OTHER, MEMBER_COST, 1, AID_NOT_APPLIED",
                "4, FORFEITED, true, OTHER, MEMBER_COST, 1, AID_FORFEITED"
            })
    void effect(
            int fill,
            AidRule.CaseState state,
            boolean mainland,
            String pharmacy,
            AidRule.Kind kind,
            int packs,
            String reasons) {
        AidRule.Effect e = AidRule.effect(THREE_PLUS_THREE, mainland, fill, 2, state, pharmacy);
        assertEquals(kind, e.kind());
        assertEquals(packs, e.packs());
        assertEquals(reasons == null ? List.of() : List.of(reasons.split("\\+")), e.reasons());
    }

    @Test
    void a_programme_names_its_designated_pharmacies() {
        String header = String.join("\t", AidProgramme.HEADER);
        var parsed = AidProgramme.parse(header + "\nP\tn\tf\tD001\t3\t3\t1\t30\tPH, PH2\tPERSONAL\n");
        assertEquals(List.of("PH", "PH2"), parsed.get("P").pharmacies());
        assertTrue(parsed.get("P").dispensesAt("PH2"));
        assertFalse(parsed.get("P").dispensesAt(null));
        var none = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> AidProgramme.parse(header + "\nP\tn\tf\tD001\t3\t3\t1\t30\t \tPERSONAL\n"));
        assertTrue(none.getMessage().contains("line 2"), none.getMessage());
    }

    @Test
    void donated_packs_cost_nobody_and_not_applied_packs_cost_the_member() {
        DirectPay.Input in = new DirectPay.Input(100_000, 3, 0, 0, 10_000_000, 80);
        DirectPay.Split donated = DirectPay.compute(in, 1, true);
        assertEquals(200_000, donated.totalFen());
        assertEquals(160_000, donated.insurerPaysFen());
        assertEquals(40_000, donated.memberPaysFen());
        assertEquals(10_000_000 - 160_000, donated.sumInsuredAfterFen());
        DirectPay.Split notApplied = DirectPay.compute(in, 1, false);
        assertEquals(300_000, notApplied.totalFen());
        assertEquals(160_000, notApplied.insurerPaysFen());
        assertEquals(140_000, notApplied.memberPaysFen());
    }

    @Test
    void status_moves_only_forward() {
        assertTrue(AidCaseStatus.DRAFT.canMoveTo(AidCaseStatus.PREPARING));
        assertFalse(AidCaseStatus.DRAFT.canMoveTo(AidCaseStatus.APPROVED));
        assertFalse(AidCaseStatus.COMPLETED.canMoveTo(AidCaseStatus.IN_PROGRESS));
        assertTrue(AidCaseStatus.SUBMITTED.canMoveTo(AidCaseStatus.REJECTED));
        assertFalse(AidCaseStatus.REJECTED.canMoveTo(AidCaseStatus.APPROVED));
    }
}
