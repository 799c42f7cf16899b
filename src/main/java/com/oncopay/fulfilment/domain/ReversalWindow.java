package com.oncopay.fulfilment.domain;

import java.time.Duration;
import java.time.Instant;

/** A dispense may be reversed until {@code window} after it happened, that instant included. */
public final class ReversalWindow {
    private ReversalWindow() {}

    public static boolean closed(Instant dispensedAt, Duration window, Instant now) {
        return dispensedAt.plus(window).isBefore(now);
    }
}
