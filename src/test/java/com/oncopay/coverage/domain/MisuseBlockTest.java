package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MisuseBlockTest {
    static Eligibility.Result result(boolean eligible, List<String> reasons) {
        return new Eligibility.Result(
                eligible,
                reasons,
                "POL-1",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 3, 31),
                1_000_000L,
                0L,
                1,
                70,
                List.of(Eligibility.Mode.PICKUP),
                null);
    }

    @ParameterizedTest(name = "eligible {0} {1}, flagged {2} → eligible {3} {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "true  |                                          | false | true  | ",
                "true  |                                          | true  | false | MEMBER_FLAGGED_MISUSE",
                "false | WAITING_PERIOD                           | true  | false | MEMBER_FLAGGED_MISUSE WAITING_PERIOD",
                "false | WAITING_PERIOD SUM_INSURED_EXHAUSTED     | false | false | WAITING_PERIOD SUM_INSURED_EXHAUSTED",
                "false | MEMBER_FLAGGED_MISUSE                    | true  | false | MEMBER_FLAGGED_MISUSE"
            })
    void flagged_members_are_not_eligible(
            boolean eligible, String reasons, boolean flagged, boolean expectEligible, String expectReasons) {
        Eligibility.Result in = result(eligible, split(reasons));
        Eligibility.Result out = MisuseBlock.apply(in, flagged);
        assertEquals(expectEligible, out.eligible());
        assertEquals(split(expectReasons), out.reasons());
        // everything else is as the rules said
        assertEquals(in.policyNumber(), out.policyNumber());
        assertEquals(in.sumInsuredRemainingFen(), out.sumInsuredRemainingFen());
        assertEquals(in.fulfilmentModes(), out.fulfilmentModes());
        if (!flagged) assertSame(in, out);
    }

    static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
