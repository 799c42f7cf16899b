package com.oncopay.calendar.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {
    static final BusinessCalendar CALENDAR = Calendars.withOfficial(2025, 2026);

    @ParameterizedTest(name = "submitted {0} → review due end of {1}")
    @CsvSource({
        "2026-09-30T10:00+08:00, 2026-10-08", // before the National Day holiday
        "2026-10-03T09:00+08:00, 2026-10-08", // on the holiday
        "2026-02-13T16:00+08:00, 2026-02-14", // Friday → make-up working Saturday
        "2026-11-20T23:30+08:00, 2026-11-23", // Friday night → Monday
        "2026-11-20T16:30Z, 2026-11-23", // 00:30 Saturday in Shanghai → Monday
        "2026-04-03T12:00+08:00, 2026-04-07", // Qingming
        "2026-01-01T12:00+08:00, 2026-01-04"
    }) // New Year → make-up working Sunday
    void review_is_due_at_the_end_of_the_first_business_day_after_submission(String submitted, String due) {
        BusinessCalendar.Deadline d = CALENDAR.endOfNthBusinessDayAfter(ZonedDateTime.parse(submitted), 1);
        assertEquals(LocalDate.parse(due), d.at().toLocalDate());
        assertEquals("23:59:59", d.at().toLocalTime().toString());
        assertEquals(BusinessCalendar.ZONE, d.at().getZone());
        assertFalse(d.provisional(), "2026 is official");
    }

    @ParameterizedTest(name = "{0} + {1} business days → {2}")
    @CsvSource({
        "2026-09-30, 5, 2026-10-13",
        "2026-09-30, 15, 2026-10-27",
        "2026-11-02, 15, 2026-11-23",
        "2026-02-13, 5, 2026-02-27",
        "2025-09-26, 5, 2025-10-10"
    }) // 2025: 9-28 (Sunday) and 10-11 (Saturday) are make-up working days
    void claim_investigation_days(String from, int n, String due) {
        assertEquals(
                new BusinessCalendar.DueDay(LocalDate.parse(due), false),
                CALENDAR.businessDaysAfter(LocalDate.parse(from), n));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-10-10, true",
        "2026-10-11, false",
        "2026-10-07, false",
        "2026-10-09, true",
        "2026-05-09, true",
        "2026-06-19, false",
        "2025-01-26, true",
        "2025-02-04, false"
    })
    void business_days(String day, boolean business) {
        assertEquals(business, CALENDAR.isBusinessDay(LocalDate.parse(day)));
    }

    @ParameterizedTest(name = "{0} + {1} business days → {2}, provisional")
    @CsvSource({
        "2026-12-20, 15, 2027-01-11", // 9 days left in December, 2027-01-01 (Friday) 元旦, then 6 more
        "2026-12-31, 1, 2027-01-04", // 元旦 then the weekend
        "2026-12-30, 1, 2026-12-31", // counted on official days only: not provisional
        "2027-02-04, 1, 2027-02-09", // 除夕 2-5 (Friday), 初一 and 初二 on the weekend, 初三 2-8
        "2031-09-30, 1, 2031-10-06", // 中秋 falls on 国庆 1 October 2031: 10-1..10-3 then the weekend
        "2099-12-30, 5, 2100-01-07"
    }) // far ahead: still a date, never an error
    void a_year_without_a_notice_is_counted_on_its_statutory_holidays_and_marked(String from, int n, String due) {
        BusinessCalendar.DueDay d = CALENDAR.businessDaysAfter(LocalDate.parse(from), n);
        assertEquals(LocalDate.parse(due), d.day());
        assertEquals(
                LocalDate.parse(due).getYear() != 2026,
                d.provisional(),
                "provisional exactly when a counted day has no notice");
    }

    @Test
    void a_notice_loaded_later_replaces_the_provisional_year() {
        CalendarYear notice = CalendarFile.parse(2027, "2027-01-01\tHOLIDAY\t元旦\n2027-01-04\tHOLIDAY\t测试\n");
        BusinessCalendar withNotice = new BusinessCalendar(
                Map.of(2026, Calendars.packaged(2026), 2027, notice),
                y -> StatutoryHolidays.provisional(y, Calendars.LUNAR));
        assertEquals(
                new BusinessCalendar.DueDay(LocalDate.parse("2027-01-05"), false),
                withNotice.businessDaysAfter(LocalDate.parse("2026-12-31"), 1));
        assertEquals(CalendarYear.Status.OFFICIAL, withNotice.year(2027).status());
        assertEquals(CalendarYear.Status.PROVISIONAL, CALENDAR.year(2027).status());
    }

    @Test
    void official_until_is_the_end_of_the_unbroken_run_of_notices_from_today() {
        assertEquals(Optional.of(LocalDate.parse("2026-12-31")), CALENDAR.officialUntil(LocalDate.parse("2025-03-01")));
        assertEquals(Optional.of(LocalDate.parse("2026-12-31")), CALENDAR.officialUntil(LocalDate.parse("2026-12-02")));
        assertEquals(Optional.empty(), CALENDAR.officialUntil(LocalDate.parse("2027-01-01")));
        assertEquals(Optional.empty(), CALENDAR.officialUntil(LocalDate.parse("2024-06-01")));
    }
}
