package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.calendar.domain.Calendars;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FulfilmentRulesTest {
    static BusinessCalendar calendar;

    @BeforeAll
    static void load() throws IOException {
        calendar = Calendars.withOfficial(2026);
    }

    @Test
    void generated_codes_are_grouped_unique_and_pass_their_own_check() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = PickupCode.generate(random);
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
            assertEquals(Optional.of(code.replace("-", "")), PickupCode.normalise(code));
            assertTrue(seen.add(code));
        }
    }

    @Test
    void every_single_mistyped_character_and_every_neighbour_swap_is_caught() {
        SecureRandom random = new SecureRandom();
        for (int n = 0; n < 200; n++) {
            String code = PickupCode.generate(random).replace("-", "");
            for (int i = 0; i < code.length(); i++) {
                for (char c : PickupCode.CHECK_SYMBOLS.toCharArray()) {
                    if (c == code.charAt(i)) continue;
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertFalse(PickupCode.normalise(typo).isPresent(), typo);
                }
                if (i + 1 < code.length() && code.charAt(i) != code.charAt(i + 1)) {
                    String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                    assertFalse(PickupCode.normalise(swapped).isPresent(), swapped);
                }
            }
        }
    }

    @Test
    void reading_is_forgiving_about_case_separators_and_look_alike_letters() {
        String code = PickupCode.generate(new SecureRandom());
        String canonical = code.replace("-", "");
        assertEquals(
                Optional.of(canonical), PickupCode.normalise(code.toLowerCase().replace("-", " ")));
        String withO = canonical.replace('0', 'O').replace('1', 'I');
        assertEquals(Optional.of(canonical), PickupCode.normalise(withO));
        assertFalse(PickupCode.normalise(canonical + "7").isPresent());
        assertFalse(PickupCode.normalise("U" + canonical.substring(1)).isPresent());
        assertFalse(PickupCode.normalise(canonical.substring(0, 15) + "*").isPresent() && !canonical.endsWith("*"));
        assertFalse(PickupCode.normalise(null).isPresent());
    }

    @ParameterizedTest(name = "booked {0}, same city {1} → {2}")
    @CsvSource({
        "2026-11-23T11:59:00+08:00, true, 2026-11-23T18:00+08:00",
        "2026-11-23T12:00:00+08:00, true, 2026-11-24T12:00+08:00",
        "2026-11-23T03:59:00Z, true, 2026-11-23T18:00+08:00",
        "2026-09-30T15:00:00+08:00, true, 2026-10-01T12:00+08:00",
        "2026-09-30T10:00:00+08:00, false, 2026-10-13T23:59:59+08:00",
        "2026-11-23T10:00:00+08:00, false, 2026-11-30T23:59:59+08:00"
    })
    void delivery_promises(String booked, boolean sameCity, String promised) {
        assertEquals(
                ZonedDateTime.parse(promised).toInstant(),
                DeliveryPromise.promisedBy(ZonedDateTime.parse(booked), sameCity, calendar)
                        .at()
                        .toInstant());
    }

    @ParameterizedTest
    @CsvSource({
        "REQUESTED, ACCEPTED, true",
        "ACCEPTED, SHIPPED, true",
        "SHIPPED, PACKED, false",
        "DELIVERED, FAILED, false",
        "PACKED, FAILED, true",
        "ACCEPTED, ACCEPTED, false",
        "SHIPPED, REQUESTED, false",
        "FAILED, DELIVERED, false"
    })
    void delivery_only_moves_forward(DeliveryStatus from, DeliveryStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }
}
