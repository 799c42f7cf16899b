package com.oncopay.calendar;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;

/**
 * A feature whose open items carry dates counted in business days. When an official year is
 * loaded, each one recomputes, in the load's transaction ({@code tx}), the open items whose dates
 * were computed on a provisional day (docs/RULES.md, "Business days").
 */
public interface OpenDueDates {
    /** What the items are called in the load's result, e.g. {@code prescriptions}. */
    String items();

    /** Recomputes with {@code calendar}; returns how many items got another date. */
    Uni<Integer> recompute(Tx tx, BusinessCalendar calendar);
}
