package com.oncopay.calendar.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * #21 item 11: the holiday-notice parser (a year's calendar file, and the body of the calendar upload) on
 * any bytes answers an OFFICIAL year or refuses with {@link CalendarFile.Invalid}, never another
 * exception. An accepted year has at least one holiday, only dates of its year, make-up workdays only
 * on weekends and notes of at most 100 characters; every refusal names a line of the file.
 */
class CalendarFileFuzzTest {
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({
        "\\x09",
        "\\x0A",
        "\\x0D\\x0A",
        "\\xEF\\xBB\\xBF",
        "# notice:",
        "# notice-date:",
        "date\\x09kind\\x09note",
        "HOLIDAY",
        "WORKDAY",
        "2026-01-01",
        "2026-02-14",
        "2026-10-01",
        "-02-29",
        "+10000"
    })
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int lines = text.split("\r?\n", -1).length;
        try {
            CalendarYear y = CalendarFile.parse(2026, text);
            assertEquals(CalendarYear.Status.OFFICIAL, y.status());
            assertFalse(y.holidays().isEmpty(), "a notice lists its holidays");
            for (CalendarYear.Day d : y.inOrder()) {
                assertEquals(2026, d.date().getYear(), d::toString);
                assertTrue(d.note().length() <= 100, d::toString);
                if (d.kind() == CalendarYear.Kind.WORKDAY)
                    assertTrue(BusinessCalendar.isWeekend(d.date()), d::toString);
            }
        } catch (CalendarFile.Invalid refused) {
            assertFalse(refused.problems().isEmpty());
            refused.problems()
                    .forEach(p -> assertTrue(p.line() >= 1 && p.line() <= lines, () -> "line out of the file: " + p));
        }
    }
}
