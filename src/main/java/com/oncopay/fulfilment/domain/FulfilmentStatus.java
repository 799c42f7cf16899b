package com.oncopay.fulfilment.domain;

import java.time.Instant;

/**
 * A fulfilment's states: a store pickup is RESERVED until its code is REDEEMED (and perhaps
 * REVERSED); a home delivery goes REQUESTED → ACCEPTED → PACKED → SHIPPED → DELIVERED, or FAILED
 * ({@link DeliveryStatus} holds its forward-only moves); a cell therapy's hospital transfer goes
 * AWAITING_TRANSFER → IN_TRANSFER → HOSPITAL_RECEIVED (the hand-over, which settles), or FAILED;
 * each can be CANCELLED by the member before the pharmacy has packed or sent it. {@link
 * #canMoveTo} is the whole machine.
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
    CANCELLED,
    /** A hospital transfer chosen: the pharmacy is to arrange the cold-chain transfer to the prescribing hospital. */
    AWAITING_TRANSFER,
    /** The cold-chain transfer has left the pharmacy. */
    IN_TRANSFER,
    /** The hospital signed for it: the hand-over, settled like a counter redemption. */
    HOSPITAL_RECEIVED;

    /** Where a new fulfilment starts. */
    public static FulfilmentStatus initial(boolean pickup) {
        return pickup ? RESERVED : REQUESTED;
    }

    /** Where a new hospital transfer starts. */
    public static FulfilmentStatus initialTransfer() {
        return AWAITING_TRANSFER;
    }

    /** A hospital transfer not yet received or failed. */
    public boolean transferUnderWay() {
        return this == AWAITING_TRANSFER || this == IN_TRANSFER;
    }

    /**
     * Every allowed move: a reserved pickup is redeemed; a delivery moves forward as {@link
     * DeliveryStatus} allows; a transfer is sent, then received (or fails); a hand-over (redeemed,
     * delivered, received by the hospital) may be reversed; cancelling as {@link #cancellable}.
     */
    public boolean canMoveTo(FulfilmentStatus next) {
        if (next == CANCELLED) return cancellable();
        if (next == REVERSED) return handedOver() && this != REVERSED;
        return switch (this) {
            case RESERVED -> next == REDEEMED;
            case REQUESTED, ACCEPTED, PACKED, SHIPPED ->
                next.deliveryStep() && DeliveryStatus.valueOf(name()).canMoveTo(DeliveryStatus.valueOf(next.name()));
            case AWAITING_TRANSFER -> next == IN_TRANSFER || next == FAILED;
            case IN_TRANSFER -> next == HOSPITAL_RECEIVED || next == FAILED;
            default -> false;
        };
    }

    private boolean deliveryStep() {
        return deliveryUnderWay() || this == DELIVERED || this == FAILED;
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
        return this == RESERVED || this == REQUESTED || this == ACCEPTED || this == AWAITING_TRANSFER;
    }

    /** The drug has been handed over (and perhaps returned): its code is spent. */
    public boolean handedOver() {
        return this == REDEEMED || this == REVERSED || this == DELIVERED || this == HOSPITAL_RECEIVED;
    }
}
