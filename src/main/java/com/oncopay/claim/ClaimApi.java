package com.oncopay.claim;

import com.oncopay.claim.domain.LiabilityDecision;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Requests and answers of the claims API. */
public final class ClaimApi {
    private ClaimApi() {}

    /** A reviewer's decision: DENIED needs a {@code reasonCode} ({@link LiabilityDecision.DenialReason}). */
    public record DecisionRequest(
            @NotNull LiabilityDecision.Outcome outcome,
            @Size(max = 40) String reasonCode,
            @Size(max = 500) String note) {}

    /**
     * A claim: {@code investigationDueBy} the end of the 15th (first claim) or 5th business day after the dispense that
     * applied for it, {@code dueOn} its business date, {@code overdue} computed on read against today's business date.
     */
    public record ClaimView(
            String claimId,
            String dispenseId,
            String prescriptionId,
            String memberId,
            String policyNumber,
            String status,
            OffsetDateTime investigationDueBy,
            LocalDate dueOn,
            boolean overdue,
            boolean calendarProvisional,
            String drugId,
            String drugName,
            long insurerPaysFen,
            boolean firstClaim,
            String reasonCode,
            String note,
            OffsetDateTime openedAt,
            OffsetDateTime decidedAt) {}
}
