package com.oncopay.prescription.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business days of mainland China, from the State Council holiday notice of each year:
 * Monday-Friday work unless a HOLIDAY, weekends rest unless a make-up WORKDAY. Years are
 * loaded as data; a date in a year with no calendar is an explicit error, never a guess.
 */
public final class BusinessCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A date fell in a year whose holiday notice is not loaded. */
    public static final class YearNotLoaded extends RuntimeException {
        private final int year;

        public YearNotLoaded(int year) {
            super("no business-day calendar for " + year, null, false, false);
            this.year = year;
        }

        public int year() {
            return year;
        }
    }

    public enum Kind { HOLIDAY, WORKDAY }

    private final Set<Integer> years;
    private final Map<LocalDate, Kind> exceptions;

    public BusinessCalendar(Set<Integer> years, Map<LocalDate, Kind> exceptions) {
        this.years = Set.copyOf(years);
        this.exceptions = Map.copyOf(exceptions);
    }

    /**
     * Parses one year's file: lines {@code date<TAB>HOLIDAY|WORKDAY<TAB>note}, a header line
     * and {@code #} comments. Every date must be in {@code year}.
     */
    public static BusinessCalendar parse(Map<Integer, String> filesByYear) {
        Map<LocalDate, Kind> exceptions = new HashMap<>();
        Set<Integer> years = new HashSet<>();
        for (Map.Entry<Integer, String> f : filesByYear.entrySet()) {
            years.add(f.getKey());
            String[] lines = f.getValue().split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("date\t")) continue;
                String[] parts = line.split("\t");
                try {
                    LocalDate d = LocalDate.parse(parts[0]);
                    if (d.getYear() != f.getKey()) throw new IllegalArgumentException("date outside " + f.getKey());
                    exceptions.put(d, Kind.valueOf(parts[1]));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("calendar " + f.getKey() + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new BusinessCalendar(years, exceptions);
    }

    public boolean isBusinessDay(LocalDate day) {
        if (!years.contains(day.getYear())) throw new YearNotLoaded(day.getYear());
        Kind k = exceptions.get(day);
        if (k != null) return k == Kind.WORKDAY;
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The n-th business day strictly after {@code day} (n ≥ 1). */
    public LocalDate businessDaysAfter(LocalDate day, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        LocalDate d = day;
        int found = 0;
        while (found < n) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) found++;
        }
        return d;
    }

    /** 23:59:59 Asia/Shanghai at the end of the n-th business day after the day of {@code submitted}. */
    public ZonedDateTime endOfNthBusinessDayAfter(ZonedDateTime submitted, int n) {
        LocalDate day = submitted.withZoneSameInstant(ZONE).toLocalDate();
        return ZonedDateTime.of(businessDaysAfter(day, n), LocalTime.of(23, 59, 59), ZONE);
    }

    public List<Integer> years() {
        return years.stream().sorted().toList();
    }
}
