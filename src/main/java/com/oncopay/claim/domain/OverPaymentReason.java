package com.oncopay.claim.domain;

/**
 * Why part of what the insurer advanced on a confirmed claim was outside the cover (seed 004: 「对于不属于保险责任范围内的
 * 药品费用、超出相应费用限额的药品费用等，您应当将上述相应款项退还」): not within the cover's scope, above a cost limit,
 * or another reason, which needs a note.
 */
public enum OverPaymentReason {
    NOT_COVERED,
    OVER_LIMIT,
    OTHER;

    /** {@code NOTE_REQUIRED} when OTHER comes without a note, else null. */
    public String problem(String note) {
        return this == OTHER && (note == null || note.isBlank()) ? "NOTE_REQUIRED" : null;
    }
}
