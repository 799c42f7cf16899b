package com.oncopay.fulfilment.domain;

import com.oncopay.calendar.domain.BusinessCalendar;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When a home delivery is promised (004 lines 3029-3040): same city, booked before 12:00
 * Beijing time → 18:00 that day, booked from 12:00 → 12:00 the next calendar day; another
 * city → within 2-5 business days of the booking day, promised by the end of the 5th (provisional
 * when a day counted has no official notice yet).
 */
public final class DeliveryPromise {
    public static final LocalTime NOON = LocalTime.NOON;
    public static final LocalTime EVENING = LocalTime.of(18, 0);
    public static final int OTHER_CITY_MAX_BUSINESS_DAYS = 5;

    private DeliveryPromise() {}

    public static BusinessCalendar.Deadline promisedBy(
            ZonedDateTime booked, boolean sameCity, BusinessCalendar calendar) {
        ZonedDateTime local = booked.withZoneSameInstant(BusinessCalendar.ZONE);
        if (sameCity) {
            return new BusinessCalendar.Deadline(
                    local.toLocalTime().isBefore(NOON)
                            ? local.toLocalDate().atTime(EVENING).atZone(BusinessCalendar.ZONE)
                            : local.toLocalDate().plusDays(1).atTime(NOON).atZone(BusinessCalendar.ZONE),
                    false);
        }
        return calendar.endOfNthBusinessDayAfter(local, OTHER_CITY_MAX_BUSINESS_DAYS);
    }
}
