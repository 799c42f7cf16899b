package com.oncopay.claim.domain;

import java.time.LocalDate;
import java.util.Arrays;

/** A reviewer's decision on a claim's liability, and the claim's overdue flag. */
public final class LiabilityDecision {
    private LiabilityDecision() {}

    public enum Outcome {
        CONFIRMED(ClaimStatus.LIABILITY_CONFIRMED),
        DENIED(ClaimStatus.LIABILITY_DENIED);

        private final ClaimStatus status;

        Outcome(ClaimStatus status) {
            this.status = status;
        }

        public ClaimStatus status() {
            return status;
        }
    }

    /** Why liability is denied (the terms' exclusions and the application's failings); OTHER needs a note. */
    public enum DenialReason {
        NOT_COVERED_INDICATION,
        PRE_EXISTING_CONDITION,
        WAITING_PERIOD,
        MATERIALS_INCONSISTENT,
        NOT_MEDICALLY_NECESSARY,
        EXCLUSION,
        OTHER;

        public static boolean known(String code) {
            return code != null
                    && Arrays.stream(values()).anyMatch(r -> r.name().equals(code));
        }
    }

    /**
     * What is wrong with a decision's request, or null: a denial needs a known reason ({@code REASON_REQUIRED},
     * {@code UNKNOWN_REASON}), OTHER needs a note ({@code NOTE_REQUIRED}); a confirmation takes no reason.
     */
    public static String problem(Outcome outcome, String reasonCode, String note) {
        if (outcome == Outcome.CONFIRMED)
            return reasonCode == null || reasonCode.isBlank() ? null : "REASON_NOT_ALLOWED";
        if (reasonCode == null || reasonCode.isBlank()) return "REASON_REQUIRED";
        if (!DenialReason.known(reasonCode)) return "UNKNOWN_REASON";
        if (reasonCode.equals(DenialReason.OTHER.name()) && (note == null || note.isBlank())) return "NOTE_REQUIRED";
        return null;
    }

    /**
     * Overdue: still under investigation and today's business date is after the due date (the due day itself is
     * not overdue; the day after it is).
     */
    public static boolean overdue(ClaimStatus status, LocalDate dueOn, LocalDate today) {
        return status == ClaimStatus.UNDER_INVESTIGATION && dueOn != null && today.isAfter(dueOn);
    }
}
