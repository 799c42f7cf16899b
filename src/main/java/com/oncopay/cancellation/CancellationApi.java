package com.oncopay.cancellation;

import com.oncopay.coverage.domain.PolicyCancellation;
import com.oncopay.platform.web.Text;
import com.oncopay.receivable.OpeningReceivables;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Requests and answers of a policy's cancellation (#20 item 5). */
public final class CancellationApi {
    private CancellationApi() {}

    /** The day the cancellation takes effect, why, and a note. */
    public record CancellationRequest(
            @NotNull LocalDate effectiveDate,
            @NotNull PolicyCancellation.Reason reason,

            @Size(max = 500) @Pattern(regexp = Text.PLAIN_LINES)
            String note) {}

    /**
     * The cancellation: {@code cancelledFrom} is the first day without cover (the policy's first day for a cooling-off
     * cancellation, else {@code effectiveDate}), {@code lastCoveredOn} the day before (before the policy's first day when
     * void from its start), {@code premiumRefund} {@code FULL_PREMIUM} inside the cooling-off period (无息退还全部保险费),
     * else {@code PER_POLICY_TERMS}; the fulfilments voided and the receivables opened.
     */
    public record CancellationView(
            String policyNumber,
            String memberId,
            PolicyCancellation.Reason reason,
            LocalDate effectiveDate,
            LocalDate cancelledFrom,
            LocalDate lastCoveredOn,
            LocalDate coolingOffEndsOn,
            String premiumRefund,
            String note,
            OffsetDateTime cancelledAt,
            String cancelledBy,
            List<String> voidedFulfilments,
            List<OpeningReceivables.Opened> receivables) {}
}
