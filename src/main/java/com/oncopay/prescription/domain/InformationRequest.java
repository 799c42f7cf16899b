package com.oncopay.prescription.domain;

import com.oncopay.calendar.domain.BusinessCalendar;
import java.time.LocalDate;

/**
 * A reviewer's request for information (REQUEST_INFO): the member may answer until the end of the
 * n-th business day after the day it was asked; from the next calendar day on it has expired and the
 * prescription is closed (REJECTED with {@link #EXPIRED}).
 */
public final class InformationRequest {
    public static final String EXPIRED = "INFO_REQUEST_EXPIRED";

    private InformationRequest() {}

    /** The last day the request can be answered: the n-th business day after {@code requestedOn}. */
    public static LocalDate dueOn(BusinessCalendar calendar, LocalDate requestedOn, int businessDays) {
        return calendar.businessDaysAfter(requestedOn, businessDays).day();
    }

    /** Unanswered after its due day. */
    public static boolean expired(LocalDate dueOn, LocalDate today) {
        return dueOn != null && today.isAfter(dueOn);
    }
}
