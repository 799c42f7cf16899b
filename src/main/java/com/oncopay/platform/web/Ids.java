package com.oncopay.platform.web;

import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.time.ClockProducer;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Small conversions shared by the resources. */
public final class Ids {
    private Ids() {}

    /** A path id that is not a UUID names nothing: 404, as for any unknown object. */
    public static UUID uuidOr404(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound();
        }
    }

    /** Instants are answered in the business time zone (+08:00). */
    public static OffsetDateTime local(OffsetDateTime t) {
        return t == null
                ? null
                : t.atZoneSameInstant(ClockProducer.BUSINESS_ZONE).toOffsetDateTime();
    }
}
