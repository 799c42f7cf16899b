package com.oncopay.coverage.domain;

import com.oncopay.platform.domain.Refused;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a new term may continue (renew) the term it names: that term must exist, be the same
 * member's, have ended before the new term starts, and not already be continued by another renewal.
 */
public final class Renewal {
    private Renewal() {}

    /** What is known of the named previous term. */
    public record Previous(String memberId, LocalDate expiryDate, boolean renewed) {}

    /**
     * The refusal, or empty when the renewal may continue {@code previous} (null: no such term):
     * 422 PREVIOUS_POLICY_INVALID, or 409 ALREADY_RENEWED.
     */
    public static Optional<Refused> refusal(
            String previousPolicyNumber, Previous previous, String memberId, LocalDate effectiveDate) {
        if (previous == null
                || !previous.memberId().equals(memberId)
                || !previous.expiryDate().isBefore(effectiveDate))
            return Optional.of(Refused.rule("PREVIOUS_POLICY_INVALID", previousPolicyNumber));
        if (previous.renewed()) return Optional.of(Refused.conflict("ALREADY_RENEWED", previousPolicyNumber));
        return Optional.empty();
    }
}
