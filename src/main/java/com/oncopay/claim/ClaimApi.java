package com.oncopay.claim;

import com.oncopay.claim.domain.LiabilityDecision;
import com.oncopay.claim.domain.OverPaymentReason;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
     * applied for it, {@code dueOn} its business date, {@code overdue} computed on read against today's business date;
     * {@code receivableId} the member receivable recovering its dispense (opened by a denial, an over-payment, a late
     * reversal or a misuse flag), null when none.
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
            OffsetDateTime decidedAt,
            String receivableId) {}

    /**
     * What the insurer advanced outside the cover on a confirmed claim (seed 004: 「对于不属于保险责任范围内的药品费用、
     * 超出相应费用限额的药品费用等，您应当将上述相应款项退还」): {@code amountFen} of the insurer's share, why
     * ({@link OverPaymentReason}; OTHER needs a note).
     */
    public record OverPaymentRequest(
            @NotNull @Min(1) @Max(100_000_000_000L) Long amountFen,
            @NotNull OverPaymentReason reasonCode,
            @Size(max = 500) String note) {}
}
