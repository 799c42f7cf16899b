package com.oncopay.platform.metrics;

/**
 * An answer that says what money it moved: counted ({@link CountsMoney}) once the use case answered, that
 * is after its transaction committed (a stored answer replayed for an Idempotency-Key is not counted again).
 */
public interface MeteredMoney {
    enum Kind {
        REDEMPTION,
        REVERSAL,
        DELIVERY_SETTLED
    }

    /** What moved, the insurer's amount in fen. */
    record Moved(Kind kind, long fen) {}

    /** What this answer moved; null when it moved nothing. */
    Moved moneyMoved();
}
