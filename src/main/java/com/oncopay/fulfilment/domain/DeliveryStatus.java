package com.oncopay.fulfilment.domain;

/** Progress of a home delivery; it only moves forward, and DELIVERED and FAILED are final. */
public enum DeliveryStatus {
    REQUESTED,
    ACCEPTED,
    PACKED,
    SHIPPED,
    DELIVERED,
    FAILED;

    public boolean terminal() {
        return this == DELIVERED || this == FAILED;
    }

    /** Forward only: to a later step, or to FAILED from any step that is not final. */
    public boolean canMoveTo(DeliveryStatus next) {
        if (terminal()) return false;
        if (next == FAILED) return true;
        return next.ordinal() > ordinal() && next != REQUESTED;
    }
}
