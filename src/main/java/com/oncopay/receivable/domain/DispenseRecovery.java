package com.oncopay.receivable.domain;

/**
 * What recovering one dispense from the member does (#20 item 2): a denied liability and a late reversal recover the
 * insurer's whole share and give back all the cover the dispense took; an over-payment (seed 004: 「对于不属于保险责任
 * 范围内的药品费用、超出相应费用限额的药品费用等，您应当将上述相应款项退还」) recovers a part of the share and gives
 * back that part of the sum insured. A dispense is recovered at most once: a reversed one cannot be; one already in a
 * receivable or whose cover was given back cannot be again; one in a misuse receivable (which recovers its whole share but
 * gives no cover back) gets its cover back on a denial or a late reversal and no second receivable.
 */
public final class DispenseRecovery {
    public static final String ALREADY_REVERSED = "ALREADY_REVERSED";
    public static final String DISPENSE_RECOVERED = "DISPENSE_RECOVERED";
    public static final String OVER_PAYMENT_EXCEEDS_SHARE = "OVER_PAYMENT_EXCEEDS_SHARE";

    private DispenseRecovery() {}

    /** Why a member owes money back: the {@code cause} of a receivable. */
    public enum Cause {
        MISUSE,
        LIABILITY_DENIED,
        LATE_REVERSAL,
        OVER_PAYMENT,
        POLICY_CANCELLED
    }

    /** What happens: refused with a code, or cover given back (all or {@code releaseFen}) and a receivable opened or not. */
    public enum Action {
        REFUSED,
        /** Open a receivable of {@code amountFen} and give back cover. */
        OPEN,
        /** Give back cover only: nothing (more) to recover from the member. */
        RELEASE_ONLY
    }

    /**
     * {@code releaseWhole}: all the dispense took (deductible and share); otherwise {@code amountFen} of the sum
     * insured only.
     */
    public record Decision(Action action, String refusal, long amountFen, boolean releaseWhole) {
        static Decision refused(String code) {
            return new Decision(Action.REFUSED, code, 0, false);
        }
    }

    /**
     * @param released whether cover was already given back for the dispense
     * @param recoveredBy the cause of the receivable already recovering the dispense, or null
     * @param insurerShareFen what the insurer paid for the dispense
     * @param requestedFen for an over-payment, the part of the share paid outside the cover; ignored otherwise
     */
    public static Decision decide(
            Cause cause,
            boolean reversed,
            boolean released,
            Cause recoveredBy,
            long insurerShareFen,
            long requestedFen) {
        if (cause == Cause.MISUSE || cause == Cause.POLICY_CANCELLED)
            throw new IllegalArgumentException(cause + " is recovered by its own rule");
        if (reversed) return Decision.refused(ALREADY_REVERSED);
        if (released || recoveredBy != null && (recoveredBy != Cause.MISUSE || cause == Cause.OVER_PAYMENT))
            return Decision.refused(DISPENSE_RECOVERED);
        if (cause == Cause.OVER_PAYMENT) {
            if (requestedFen < 1 || requestedFen > insurerShareFen) return Decision.refused(OVER_PAYMENT_EXCEEDS_SHARE);
            return new Decision(Action.OPEN, null, requestedFen, false);
        }
        if (recoveredBy == Cause.MISUSE || insurerShareFen <= 0)
            return new Decision(Action.RELEASE_ONLY, null, 0, true);
        return new Decision(Action.OPEN, null, insurerShareFen, true);
    }
}
