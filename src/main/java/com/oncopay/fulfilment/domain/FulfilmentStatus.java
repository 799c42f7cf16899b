package com.oncopay.fulfilment.domain;

import java.time.Instant;

/**
 * A fulfilment's states: a store pickup is RESERVED until its code is REDEEMED (and perhaps
 * REVERSED); a home delivery goes REQUESTED → ACCEPTED → PACKED → SHIPPED → DELIVERED, or FAILED
 * ({@link DeliveryStatus} holds its forward-only moves); either can be CANCELLED by the member
 * before the pharmacy has packed it.
 */
public enum FulfilmentStatus {
    RESERVED,
    REQUESTED,
    ACCEPTED,
    PACKED,
    SHIPPED,
    DELIVERED,
    FAILED,
    REDEEMED,
    REVERSED,
    CANCELLED;

    /** Where a new fulfilment starts. */
    public static FulfilmentStatus initial(boolean pickup) {
        return pickup ? RESERVED : REQUESTED;
    }

    /** A home delivery still on its way: it has a promise that can be overdue. */
    public boolean deliveryUnderWay() {
        return this == REQUESTED || this == ACCEPTED || this == PACKED || this == SHIPPED;
    }

    /** A delivery still under way past its promised time (a pickup has no promised time: {@code promisedBy} null). */
    public boolean overdue(Instant promisedBy, Instant now) {
        return promisedBy != null && deliveryUnderWay() && promisedBy.isBefore(now);
    }

    /** The member may still cancel: nothing has been packed or handed over. */
    public boolean cancellable() {
        return this == RESERVED || this == REQUESTED || this == ACCEPTED;
    }

    /** The drug has been handed over (and perhaps returned): its code is spent. */
    public boolean handedOver() {
        return this == REDEEMED || this == REVERSED || this == DELIVERED;
    }
}
