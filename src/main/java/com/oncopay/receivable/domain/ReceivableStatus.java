package com.oncopay.receivable.domain;

/**
 * A member receivable's states: OPEN when opened, PARTLY_PAID after a payment that leaves
 * something outstanding, PAID when nothing is; OPEN or PARTLY_PAID may be WRITTEN_OFF. PAID
 * and WRITTEN_OFF are final. CANCELLED (final): the reversal of every dispense it recovered left nothing owed and
 * nothing had been paid.
 */
public enum ReceivableStatus {
    OPEN,
    PARTLY_PAID,
    PAID,
    WRITTEN_OFF,
    CANCELLED;

    /** Whether the receivable may move from this state to {@code next}. */
    public boolean canMoveTo(ReceivableStatus next) {
        return switch (this) {
            case OPEN -> next == PARTLY_PAID || next == PAID || next == WRITTEN_OFF || next == CANCELLED;
            case PARTLY_PAID -> next == PARTLY_PAID || next == PAID || next == WRITTEN_OFF;
            case PAID, WRITTEN_OFF, CANCELLED -> false;
        };
    }

    /** Still owed: a payment may be recorded against it. */
    public boolean collectable() {
        return this == OPEN || this == PARTLY_PAID;
    }

    /** The state once {@code paidFen} of {@code amountFen} has been paid. */
    public static ReceivableStatus afterPaying(long amountFen, long paidFen) {
        if (paidFen <= 0) return OPEN;
        return paidFen >= amountFen ? PAID : PARTLY_PAID;
    }
}
