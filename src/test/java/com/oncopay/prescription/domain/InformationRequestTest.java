package com.oncopay.prescription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.calendar.domain.Calendars;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** #20 item 3: a request for information can be answered until the end of its n-th business day, not after. */
class InformationRequestTest {
    static BusinessCalendar calendar;

    @BeforeAll
    static void load() {
        calendar = Calendars.withOfficial(2026);
    }

    @ParameterizedTest(name = "asked {0}, {1} business days → due {2}")
    @CsvSource({
        "2026-11-23, 10, 2026-12-07", // Monday: two weekends
        "2026-11-27, 10, 2026-12-11", // asked on a Friday
        "2026-11-28, 1,  2026-11-30", // asked on a Saturday: the next Monday
        "2026-09-28, 10, 2026-10-16", // 国庆节 1–7 Oct off, Saturday 10 Oct worked (调休)
        "2026-09-28, 3,  2026-10-08"
    })
    void due_on_the_nth_business_day(LocalDate asked, int days, LocalDate due) {
        assertEquals(due, InformationRequest.dueOn(calendar, asked, days));
    }

    @ParameterizedTest(name = "due {0}, today {1} → expired {2}")
    @CsvSource({
        "2026-12-07, 2026-12-06, false",
        "2026-12-07, 2026-12-07, false", // day N: still answerable
        "2026-12-07, 2026-12-08, true", // day N+1: expired
        "2026-10-16, 2026-10-17, true",
        "         , 2030-01-01, false" // asked before due days were kept: never expires
    })
    void expired_only_after_the_due_day(LocalDate due, LocalDate today, boolean expired) {
        assertEquals(expired, InformationRequest.expired(due, today));
    }
}
