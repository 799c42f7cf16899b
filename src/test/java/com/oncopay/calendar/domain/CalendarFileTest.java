package com.oncopay.calendar.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarFileTest {
    @Test
    void the_packaged_2026_notice_reads_with_its_title_and_date() {
        CalendarYear y = Calendars.packaged(2026);
        assertEquals(
                Optional.of(new CalendarYear.Notice("国务院办公厅关于2026年部分节假日安排的通知", LocalDate.parse("2025-11-04"))),
                y.notice());
        assertEquals(
                List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
                y.workdays().stream().map(LocalDate::toString).toList());
        assertEquals(33, y.holidays().size());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "date\tkind\tnote\\n2027-01-01\tHOLIDAY\t元旦\\n2027-13-01\tHOLIDAY\tx                 => line 3: '2027-13-01' is not a date (yyyy-mm-dd)",
                "2027-01-01\tHOLIDAY\t元旦\\n2026-12-31\tHOLIDAY\tx                                       => line 2: 2026-12-31 is not in 2027",
                "2027-01-01\tHOLIDAY\t元旦\\n2027-01-05\tWORKDAY\tx                                       => line 2: 2027-01-05 is a TUESDAY: only a weekend day can be a make-up WORKDAY",
                "2027-01-01\tHOLIDAY\t元旦\\n2027-01-01\tHOLIDAY\t元旦                                      => line 2: 2027-01-01 is listed twice",
                "2027-01-01\tREST\t元旦                                                                  => line 1: kind 'REST' is neither HOLIDAY nor WORKDAY",
                "2027-01-01 HOLIDAY 元旦                                                                   => line 1: expected date<TAB>HOLIDAY|WORKDAY<TAB>note, found 1 column(s)",
                "# notice-date: soon\\n2027-01-01\tHOLIDAY\t元旦                                          => line 1: notice-date 'soon' is not a date (yyyy-mm-dd)",
                "# only a comment                                                                           => line 1: no HOLIDAY line: a notice lists at least its holidays"
            })
    void a_malformed_file_is_refused_whole_with_line_numbers(String text, String firstProblem) {
        CalendarFile.Invalid e = assertThrows(
                CalendarFile.Invalid.class,
                () -> CalendarFile.parse(2027, text.strip().replace("\\n", "\n")));
        assertEquals(firstProblem, e.problems().get(0).toString());
    }

    @Test
    void every_problem_is_listed() {
        CalendarFile.Invalid e = assertThrows(
                CalendarFile.Invalid.class,
                () -> CalendarFile.parse(
                        2027,
                        "2027-01-01\tHOLIDAY\n2027-02-30\tHOLIDAY\tx\n2027-01-06\tWORKDAY\tx\n2028-01-01\tHOLIDAY\tx\n"));
        assertEquals(
                List.of(2, 3, 4),
                e.problems().stream().map(CalendarFile.Problem::line).toList());
    }
}
