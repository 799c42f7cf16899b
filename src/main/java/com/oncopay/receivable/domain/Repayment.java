package com.oncopay.receivable.domain;

/**
 * A payment against a receivable: positive, not above what is outstanding, and only while the
 * receivable is collectable. The result is the new paid amount and state, or the refusal code.
 */
public final class Repayment {
    public static final String NOT_COLLECTABLE = "RECEIVABLE_NOT_COLLECTABLE";
    public static final String EXCEEDS_OUTSTANDING = "PAYMENT_EXCEEDS_OUTSTANDING";
    public static final String NOT_POSITIVE = "PAYMENT_NOT_POSITIVE";

    private Repayment() {}

    /** The receivable as it stands. */
    public record Balance(long amountFen, long paidFen, ReceivableStatus status) {
        public long outstandingFen() {
            return amountFen - paidFen;
        }
    }

    /** {@code refusal} null when the payment applies; then {@code paidFen} and {@code status} are the new values. */
    public record Outcome(String refusal, long paidFen, ReceivableStatus status) {
        static Outcome refused(String code, Balance b) {
            return new Outcome(code, b.paidFen(), b.status());
        }
    }

    public static Outcome apply(Balance b, long paymentFen) {
        if (!b.status().collectable()) return Outcome.refused(NOT_COLLECTABLE, b);
        if (paymentFen <= 0) return Outcome.refused(NOT_POSITIVE, b);
        if (paymentFen > b.outstandingFen()) return Outcome.refused(EXCEEDS_OUTSTANDING, b);
        long paid = b.paidFen() + paymentFen;
        ReceivableStatus next = ReceivableStatus.afterPaying(b.amountFen(), paid);
        if (!b.status().canMoveTo(next)) return Outcome.refused(NOT_COLLECTABLE, b);
        return new Outcome(null, paid, next);
    }
}
