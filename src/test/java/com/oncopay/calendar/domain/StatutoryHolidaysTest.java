package com.oncopay.calendar.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatutoryHolidaysTest {
    /** The provisional rule, as lunar-java computes it, against the official notices of 2025 and 2026. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // year, 元旦, 除夕, 初一, 初二, 初三, 清明, 劳动节 ×2, 端午, 中秋, 国庆 ×3
        "2025, 2025-01-01, 2025-01-28, 2025-01-29, 2025-01-30, 2025-01-31, 2025-04-04, 2025-05-01, 2025-05-02, 2025-05-31, 2025-10-06, 2025-10-01, 2025-10-02, 2025-10-03",
        "2026, 2026-01-01, 2026-02-16, 2026-02-17, 2026-02-18, 2026-02-19, 2026-04-05, 2026-05-01, 2026-05-02, 2026-06-19, 2026-09-25, 2026-10-01, 2026-10-02, 2026-10-03"
    })
    void the_thirteen_statutory_days_are_holidays_of_the_official_notice(
            int year,
            String a,
            String b,
            String c,
            String d,
            String e,
            String f,
            String g,
            String h,
            String i,
            String j,
            String k,
            String l,
            String m) {
        List<LocalDate> expected = java.util.stream.Stream.of(a, b, c, d, e, f, g, h, i, j, k, l, m)
                .map(LocalDate::parse)
                .sorted()
                .toList();
        CalendarYear provisional = StatutoryHolidays.provisional(year, Calendars.LUNAR);
        assertEquals(expected, provisional.holidays(), "the 13 days of the 2024 amendment");
        assertEquals(List.of(), provisional.workdays(), "a provisional year has no make-up working days");
        assertEquals(CalendarYear.Status.PROVISIONAL, provisional.status());
        CalendarYear official = Calendars.packaged(year);
        for (LocalDate day : expected) {
            assertTrue(official.holidays().contains(day), day + " is a holiday in the official " + year + " notice");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2027, 2028, 2031, 2040, 2099})
    void every_year_ahead_has_thirteen_days_or_twelve_when_mid_autumn_meets_national_day(int year) {
        CalendarYear y = StatutoryHolidays.provisional(year, Calendars.LUNAR);
        LocalDate midAutumn = Calendars.LUNAR.midAutumn(year);
        boolean overlap = midAutumn.getMonthValue() == 10 && midAutumn.getDayOfMonth() <= 3;
        assertEquals(overlap ? 12 : 13, y.holidays().size());
        LocalDate springFestival = Calendars.LUNAR.springFestival(year);
        assertTrue(y.holidays().contains(springFestival.minusDays(1)), "除夕");
        assertTrue(springFestival.isAfter(LocalDate.of(year, 1, 20))
                && springFestival.isBefore(LocalDate.of(year, 2, 21)));
        LocalDate qingming = Calendars.LUNAR.qingming(year);
        assertTrue(
                qingming.getMonthValue() == 4 && qingming.getDayOfMonth() >= 4 && qingming.getDayOfMonth() <= 6,
                "清明 " + qingming);
    }

    @ParameterizedTest
    @CsvSource({"2031-10-01, 国庆节", "2027-02-05, 除夕", "2027-06-09, 端午节"})
    void notes_name_the_holiday(String day, String note) {
        LocalDate d = LocalDate.parse(day);
        CalendarYear y = StatutoryHolidays.provisional(d.getYear(), Calendars.LUNAR);
        assertTrue(y.days().get(d).note().contains(note), y.days().get(d).note());
        assertTrue(y.days().get(d).kind() == CalendarYear.Kind.HOLIDAY
                && d.getDayOfWeek() != null
                && DayOfWeek.from(d) != null);
    }
}
