package com.oncopay.fulfilment.domain;

import java.time.Instant;

/**
 * What a pickup code can still do, derived from its fulfilment: USABLE (a reserved store pickup
 * before its expiry), USED (the drug was handed over, by counter or at the door), VOID (cancelled,
 * or not a store pickup, or not in a redeemable state) or EXPIRED (a reserved pickup at or past its
 * expiry instant).
 */
public enum PickupCodeState {
    USABLE,
    USED,
    VOID,
    EXPIRED;

    /** The order of today's checks: handed over first, then pickup-and-reserved, then the expiry instant. */
    public static PickupCodeState of(FulfilmentStatus status, boolean pickup, Instant expiresAt, Instant now) {
        if (status.handedOver()) return USED;
        if (status != FulfilmentStatus.RESERVED || !pickup) return VOID;
        if (!expiresAt.isAfter(now)) return EXPIRED;
        return USABLE;
    }

    public boolean redeemable() {
        return this == USABLE;
    }
}
