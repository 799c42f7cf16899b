package com.oncopay.prescription;

import com.oncopay.prescription.domain.BusinessCalendar;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Loads the business-day calendar of the configured years; a missing file stops the start-up. */
public class CalendarProducer {
    @Produces
    @Singleton
    BusinessCalendar calendar(PrescriptionConfig config) {
        Map<Integer, String> files = new HashMap<>();
        for (int year : config.calendarYears()) {
            String name = "calendar/CN-" + year + ".tsv";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException(name + " is configured but not packaged");
                files.put(year, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return BusinessCalendar.parse(files);
    }
}
