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

    /** A payment the insurer received from the member, in fen. */
    public record PaymentRequest(
            @NotNull @Min(1) @Max(100_000_000_000L) Long amountFen) {}

    public record Item(String dispenseId, long amountFen) {}

    public record ReceivableView(
            String receivableId,
            String memberId,
            String policyNumber,
            String cause,
            long amountFen,
            long paidFen,
            long outstandingFen,
            String status,
            LocalDate dueOn,
            OffsetDateTime openedAt,
            List<Item> items) {}
}
