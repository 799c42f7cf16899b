package com.oncopay.calendar.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One year of the business-day calendar: the days that differ from the plain rule (Monday to
 * Friday work, weekends rest). {@link Status#OFFICIAL} years come from the State Council's
 * holiday notice, loaded as data; {@link Status#PROVISIONAL} years are built from the statutory
 * holidays alone ({@link StatutoryHolidays}) until the notice is loaded.
 */
public record CalendarYear(int year, Status status, Map<LocalDate, Day> days, Optional<Notice> notice) {
    public enum Status {
        OFFICIAL,
        PROVISIONAL
    }

    /** HOLIDAY: a non-working day (放假); WORKDAY: a weekend made a working day (调休上班). */
    public enum Kind {
        HOLIDAY,
        WORKDAY
    }

    public record Day(LocalDate date, Kind kind, String note) {}

    /** The notice a year was taken from, e.g. 国务院办公厅关于2026年部分节假日安排的通知 of 2025-11-04. */
    public record Notice(String title, LocalDate publishedOn) {}

    public CalendarYear {
        days = Map.copyOf(days);
        for (LocalDate d : days.keySet()) {
            if (d.getYear() != year) throw new IllegalArgumentException(d + " is not in " + year);
        }
    }

    public boolean isBusinessDay(LocalDate day) {
        Day d = days.get(day);
        if (d != null) return d.kind() == Kind.WORKDAY;
        return !BusinessCalendar.isWeekend(day);
    }

    public List<LocalDate> holidays() {
        return of(Kind.HOLIDAY);
    }

    public List<LocalDate> workdays() {
        return of(Kind.WORKDAY);
    }

    /** The days that differ from Monday to Friday, in date order. */
    public List<Day> inOrder() {
        return List.copyOf(new TreeMap<>(days).values());
    }

    private List<LocalDate> of(Kind kind) {
        return inOrder().stream().filter(d -> d.kind() == kind).map(Day::date).toList();
    }
}
