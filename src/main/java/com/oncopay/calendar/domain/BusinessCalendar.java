package com.oncopay.calendar.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Business days of mainland China: Monday-Friday work unless a HOLIDAY, weekends rest unless
 * a make-up WORKDAY. A year comes from its official notice when one is loaded; any other year
 * is provisional ({@link StatutoryHolidays}), so a date never fails for want of a notice.
 * Every computed date says whether it rests on a provisional day.
 */
public final class BusinessCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    /** A day found by counting business days, and whether any day counted was provisional. */
    public record DueDay(LocalDate day, boolean provisional) {}

    /** An instant found by counting business days, and whether any day counted was provisional. */
    public record Deadline(ZonedDateTime at, boolean provisional) {}

    private final Map<Integer, CalendarYear> official;
    private final IntFunction<CalendarYear> provisional;
    private final Map<Integer, CalendarYear> provisionalYears = new ConcurrentHashMap<>();

    /**
     * @param officialYears the years loaded from their notices
     * @param provisional   builds a year that has no notice (normally {@code y -> StatutoryHolidays.provisional(y, lunar)})
     */
    public BusinessCalendar(Map<Integer, CalendarYear> officialYears, IntFunction<CalendarYear> provisional) {
        for (Map.Entry<Integer, CalendarYear> e : officialYears.entrySet()) {
            if (e.getKey() != e.getValue().year() || e.getValue().status() != CalendarYear.Status.OFFICIAL) {
                throw new IllegalArgumentException("not an official year " + e.getKey());
            }
        }
        this.official = Map.copyOf(officialYears);
        this.provisional = provisional;
    }

    public static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The year as the calendar uses it: the official one if loaded, else the provisional one. */
    public CalendarYear year(int year) {
        CalendarYear y = official.get(year);
        return y != null ? y : provisionalYears.computeIfAbsent(year, provisional::apply);
    }

    public boolean isOfficial(int year) {
        return official.containsKey(year);
    }

    public List<Integer> officialYears() {
        return official.keySet().stream().sorted().toList();
    }

    /** The official years by year. */
    public Map<Integer, CalendarYear> official() {
        return official;
    }

    /** This calendar with {@code year}'s notice loaded (replacing the one it had, if any). */
    public BusinessCalendar withOfficial(CalendarYear year) {
        Map<Integer, CalendarYear> years = new java.util.HashMap<>(official);
        years.put(year.year(), year);
        return new BusinessCalendar(years, provisional);
    }

    public boolean isBusinessDay(LocalDate day) {
        return year(day.getYear()).isBusinessDay(day);
    }

    /** The n-th business day strictly after {@code day} (n ≥ 1). */
    public DueDay businessDaysAfter(LocalDate day, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        LocalDate d = day;
        boolean provisionalDay = false;
        int found = 0;
        while (found < n) {
            d = d.plusDays(1);
            provisionalDay |= !isOfficial(d.getYear());
            if (isBusinessDay(d)) found++;
        }
        return new DueDay(d, provisionalDay);
    }

    /** 23:59:59 Asia/Shanghai at the end of the n-th business day after the day of {@code from}. */
    public Deadline endOfNthBusinessDayAfter(ZonedDateTime from, int n) {
        DueDay due = businessDaysAfter(from.withZoneSameInstant(ZONE).toLocalDate(), n);
        return new Deadline(ZonedDateTime.of(due.day(), END_OF_DAY, ZONE), due.provisional());
    }

    /**
     * The last day of the unbroken run of official years that starts with {@code today}'s year;
     * empty when today's own year has no notice loaded.
     */
    public Optional<LocalDate> officialUntil(LocalDate today) {
        int y = today.getYear();
        if (!isOfficial(y)) return Optional.empty();
        while (isOfficial(y + 1)) y++;
        return Optional.of(LocalDate.of(y, 12, 31));
    }
}
