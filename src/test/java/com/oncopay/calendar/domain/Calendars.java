package com.oncopay.calendar.domain;

import com.oncopay.calendar.LunarJava;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Calendars for domain tests: the packaged official notices, provisional years from lunar-java. */
public final class Calendars {
    private Calendars() {}

    public static final LunarDates LUNAR = new LunarJava();

    public static CalendarYear packaged(int year) {
        try {
            return CalendarFile.parse(
                    year, Files.readString(Path.of("src/main/resources/calendar/CN-" + year + ".tsv")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The official years given, every other year provisional. */
    public static BusinessCalendar withOfficial(int... years) {
        Map<Integer, CalendarYear> official = new HashMap<>();
        for (int y : years) official.put(y, packaged(y));
        return new BusinessCalendar(official, y -> StatutoryHolidays.provisional(y, LUNAR));
    }
}
