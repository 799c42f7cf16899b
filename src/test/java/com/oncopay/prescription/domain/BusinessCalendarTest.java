package com.oncopay.prescription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {
    static BusinessCalendar calendar;

    @BeforeAll
    static void load() throws IOException {
        calendar = BusinessCalendar.parse(Map.of(2026, Files.readString(Path.of("src/main/resources/calendar/CN-2026.tsv"))));
    }

    @ParameterizedTest(name = "submitted {0} → review due end of {1}")
    @CsvSource({
            "2026-09-30T10:00+08:00, 2026-10-08",   // before the National Day holiday
            "2026-10-03T09:00+08:00, 2026-10-08",   // on the holiday
            "2026-02-13T16:00+08:00, 2026-02-14",   // Friday → make-up working Saturday
            "2026-11-20T23:30+08:00, 2026-11-23",   // Friday night → Monday
            "2026-11-20T16:30Z, 2026-11-23",        // 00:30 Saturday in Shanghai → Monday
            "2026-04-03T12:00+08:00, 2026-04-07",   // Qingming
            "2026-01-01T12:00+08:00, 2026-01-04"})  // New Year → make-up working Sunday
    void review_is_due_at_the_end_of_the_first_business_day_after_submission(String submitted, String due) {
        ZonedDateTime d = calendar.endOfNthBusinessDayAfter(ZonedDateTime.parse(submitted), 1);
        assertEquals(LocalDate.parse(due), d.toLocalDate());
        assertEquals("23:59:59", d.toLocalTime().toString());
        assertEquals(BusinessCalendar.ZONE, d.getZone());
    }

    @ParameterizedTest(name = "{0} + {1} business days → {2}")
    @CsvSource({"2026-09-30, 5, 2026-10-13", "2026-09-30, 15, 2026-10-27", "2026-11-02, 15, 2026-11-23", "2026-02-13, 5, 2026-02-27"})
    void claim_investigation_days(String from, int n, String due) {
        assertEquals(LocalDate.parse(due), calendar.businessDaysAfter(LocalDate.parse(from), n));
    }

    @ParameterizedTest
    @CsvSource({"2026-10-10, true", "2026-10-11, false", "2026-10-07, false", "2026-10-09, true", "2026-05-09, true", "2026-06-19, false"})
    void business_days(String day, boolean business) {
        assertEquals(business, calendar.isBusinessDay(LocalDate.parse(day)));
    }

    @Test
    void a_year_without_a_calendar_is_an_explicit_error() {
        BusinessCalendar.YearNotLoaded e = assertThrows(BusinessCalendar.YearNotLoaded.class,
                () -> calendar.businessDaysAfter(LocalDate.parse("2026-12-31"), 1));
        assertEquals(2027, e.year());
        assertThrows(BusinessCalendar.YearNotLoaded.class, () -> calendar.isBusinessDay(LocalDate.parse("2025-06-01")));
    }
}
