package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.platform.domain.Refused;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalTest {
    static final LocalDate EFFECTIVE = LocalDate.parse("2027-01-01");

    @ParameterizedTest(name = "previous of {0}, expiring {1}, renewed {2} -> {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                // the same member's term that ended the day before: continued
                "M1, 2026-12-31, false, OK",
                // a gap is allowed here (the grace days decide continuity elsewhere)
                "M1, 2026-06-30, false, OK",
                // ends on the new term's first day: not before it
                "M1, 2027-01-01, false, RULE PREVIOUS_POLICY_INVALID",
                "M1, 2027-06-30, false, RULE PREVIOUS_POLICY_INVALID",
                // another member's term
                "M2, 2026-12-31, false, RULE PREVIOUS_POLICY_INVALID",
                // already continued by another renewal
                "M1, 2026-12-31, true, CONFLICT ALREADY_RENEWED",
                // invalid wins over renewed
                "M2, 2026-12-31, true, RULE PREVIOUS_POLICY_INVALID",
                // no such term
                "none, none, false, RULE PREVIOUS_POLICY_INVALID",
            })
    void a_renewal_continues_only_the_same_members_ended_term_once(
            String member, LocalDate expiry, boolean renewed, String expected) {
        Renewal.Previous previous = member == null ? null : new Renewal.Previous(member, expiry, renewed);
        String actual = Renewal.refusal("P-OLD", previous, "M1", EFFECTIVE)
                .map(Refused::kind)
                .map(Enum::name)
                .orElse("OK");
        String code = Renewal.refusal("P-OLD", previous, "M1", EFFECTIVE)
                .map(r -> " " + r.code())
                .orElse("");
        assertEquals(expected, actual + code);
        Renewal.refusal("P-OLD", previous, "M1", EFFECTIVE).ifPresent(r -> assertEquals("P-OLD", r.args()[0]));
    }
}
