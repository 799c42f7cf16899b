package com.oncopay.receivable;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Requests and answers of the receivables API. */
public final class ReceivableApi {
    private ReceivableApi() {}

    /** A payment the insurer received from the member, in fen, on {@code paidOn} (business today when left out). */
    public record PaymentRequest(
            @NotNull @Min(1) @Max(100_000_000_000L) Long amountFen, LocalDate paidOn) {}

    /** A recovered dispense: {@code amountFen} recovered from it, {@code reducedFen} taken off by its reversal. */
    public record Item(String dispenseId, long amountFen, long reducedFen) {}

    /**
     * {@code reasonCode} (= {@code cause}) is why the member owes it: {@code MISUSE}, {@code LIABILITY_DENIED},
     * {@code LATE_REVERSAL}, {@code OVER_PAYMENT}, {@code POLICY_CANCELLED}; {@code claimId} the claim it came from,
     * when it came from one; {@code causeReasonCode} the denial's reason, the late reversal's reason or the
     * over-payment's kind, {@code note} the staff's note.
     */
    public record ReceivableView(
            String receivableId,
            String claimId,
            String reasonCode,
            String memberId,
            String policyNumber,
            String cause,
            String causeReasonCode,
            String note,
            long amountFen,
            long paidFen,
            long outstandingFen,
            String status,
            LocalDate dueOn,
            OffsetDateTime openedAt,
            List<Item> items,
            List<Payment> payments) {}

    public record Payment(long amountFen, LocalDate paidOn, OffsetDateTime recordedAt) {}
}
