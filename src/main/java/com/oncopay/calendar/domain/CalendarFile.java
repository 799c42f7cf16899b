package com.oncopay.calendar.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One year's holiday notice as a tab-separated file:
 * <pre>
 * # notice: 国务院办公厅关于2026年部分节假日安排的通知
 * # notice-date: 2025-11-04
 * date	kind	note
 * 2026-01-01	HOLIDAY	元旦
 * 2026-01-04	WORKDAY	元旦调休
 * </pre>
 * Other {@code #} lines are comments; the header line is optional. A file with any problem is
 * refused whole, with every problem and its line number.
 */
public final class CalendarFile {
    private static final String NOTICE = "# notice:";
    private static final String NOTICE_DATE = "# notice-date:";

    private CalendarFile() {}

    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    public static final class Invalid extends RuntimeException {
        private final List<Problem> problems;

        public Invalid(List<Problem> problems) {
            super(problems.size() + " problem(s), first: " + problems.get(0), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public static CalendarYear parse(int year, String text) {
        List<Problem> problems = new ArrayList<>();
        Map<LocalDate, CalendarYear.Day> days = new LinkedHashMap<>();
        String title = null;
        LocalDate noticeDate = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.regionMatches(true, 0, NOTICE_DATE, 0, NOTICE_DATE.length())) {
                String v = line.substring(NOTICE_DATE.length()).strip();
                try {
                    noticeDate = LocalDate.parse(v);
                } catch (DateTimeException e) {
                    problems.add(new Problem(no, "notice-date '" + v + "' is not a date (yyyy-mm-dd)"));
                }
                continue;
            }
            if (line.regionMatches(true, 0, NOTICE, 0, NOTICE.length())) {
                title = line.substring(NOTICE.length()).strip();
                if (title.isEmpty() || title.length() > 200)
                    problems.add(new Problem(no, "notice title must have 1 to 200 characters"));
                continue;
            }
            if (line.isEmpty()
                    || line.startsWith("#")
                    || line.toLowerCase(Locale.ROOT).startsWith("date\t")) continue;
            String[] parts = lines[i].strip().split("\t", -1);
            if (parts.length < 2 || parts.length > 3) {
                problems.add(new Problem(
                        no, "expected date<TAB>HOLIDAY|WORKDAY<TAB>note, found " + parts.length + " column(s)"));
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(parts[0].strip());
            } catch (DateTimeException e) {
                problems.add(new Problem(no, "'" + parts[0] + "' is not a date (yyyy-mm-dd)"));
                continue;
            }
            CalendarYear.Kind kind;
            try {
                kind = CalendarYear.Kind.valueOf(parts[1].strip());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(no, "kind '" + parts[1] + "' is neither HOLIDAY nor WORKDAY"));
                continue;
            }
            String note = parts.length == 3 ? parts[2].strip() : "";
            if (date.getYear() != year) {
                problems.add(new Problem(no, date + " is not in " + year));
            } else if (kind == CalendarYear.Kind.WORKDAY && !BusinessCalendar.isWeekend(date)) {
                problems.add(new Problem(
                        no, date + " is a " + date.getDayOfWeek() + ": only a weekend day can be a make-up WORKDAY"));
            } else if (note.length() > 100) {
                problems.add(new Problem(no, "note longer than 100 characters"));
            } else if (days.putIfAbsent(date, new CalendarYear.Day(date, kind, note)) != null) {
                problems.add(new Problem(no, date + " is listed twice"));
            }
        }
        if (problems.isEmpty() && days.values().stream().noneMatch(d -> d.kind() == CalendarYear.Kind.HOLIDAY)) {
            problems.add(new Problem(lines.length, "no HOLIDAY line: a notice lists at least its holidays"));
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        Optional<CalendarYear.Notice> notice = title == null && noticeDate == null
                ? Optional.empty()
                : Optional.of(new CalendarYear.Notice(title, noticeDate));
        return new CalendarYear(year, CalendarYear.Status.OFFICIAL, days, notice);
    }
}
