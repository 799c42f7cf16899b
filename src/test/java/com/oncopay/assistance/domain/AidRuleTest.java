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
            new AidProgramme("P", "n", "f", List.of("D001"), 3, 3, 1, 30, List.of("PH"), List.of("PERSONAL"));

    @ParameterizedTest(name = "fill {0}, case {1}, mainland {2} → {3} {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "3, NO_CASE, true, NONE, 0",
                "4, NO_CASE, true, MEMBER_COST, 1",
                "4, GRANTED, true, DONATED, 1",
                "6, GRANTED, true, DONATED, 1",
                "7, GRANTED, true, NONE, 0",
                "4, REFUSED_INCOMPLETE, true, MEMBER_COST, 1",
                "4, REFUSED_OTHER, true, NONE, 0",
                "4, FORFEITED, true, MEMBER_COST, 1",
                "4, NO_CASE, false, NONE, 0"
            })
    void effect(int fill, AidRule.CaseState state, boolean mainland, AidRule.Kind kind, int packs) {
        AidRule.Effect e = AidRule.effect(THREE_PLUS_THREE, mainland, fill, 2, state);
        assertEquals(kind, e.kind());
        assertEquals(packs, e.packs());
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
