package com.oncopay.fulfilment.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * When a pickup code (or a delivery's fulfilment) stops being redeemable: the usual validity from
 * the moment it is issued, but never past the last day of the policy it is drawn on (「用药时长与保险责任一致」):
 * at the latest the last second of that day, in the business time zone.
 */
public final class CodeExpiry {
    /** The last second of a day: a code capped by the policy still shows that day as its expiry date. */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private CodeExpiry() {}

    /**
     * {@code issued + validity}, or the end of {@code policyLastDay} in {@code zone} when that is earlier
     * (in {@code issued}'s offset); {@code policyLastDay} null means no cap.
     */
    public static OffsetDateTime expiresAt(
            OffsetDateTime issued, Duration validity, LocalDate policyLastDay, ZoneId zone) {
        OffsetDateTime usual = issued.plus(validity);
        if (policyLastDay == null) return usual;
        OffsetDateTime cap = policyLastDay
                .atTime(END_OF_DAY)
                .atZone(zone)
                .toOffsetDateTime()
                .withOffsetSameInstant(issued.getOffset());
        return cap.isBefore(usual) ? cap : usual;
    }
}
