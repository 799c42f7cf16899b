package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.fulfilment.domain.HandOverDocuments;
import com.oncopay.platform.web.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Bodies of the hospital transfer of cell therapies (README, fulfilment; docs/RULES.md). */
public final class TransferApi {
    private TransferApi() {}

    /** The pharmacy sends the transfer (IN_TRANSFER) or records that it failed (FAILED). */
    public record TransferStatusRequest(
            @NotNull TransferStatus status,
            OffsetDateTime at,
            @Pattern(regexp = Text.TRACKING_NO) String trackingNo) {}

    public enum TransferStatus {
        IN_TRANSFER,
        FAILED
    }

    /**
     * The hospital's signed receipt, recorded by the pharmacy that arranged the transfer: the ward
     * and the person who signed, when, and the receipt's number; the social insurance paid, if any.
     */
    public record HospitalReceipt(
            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN)
            String ward,

            @NotBlank @Size(max = 40) @Pattern(regexp = Text.PLAIN)
            String receivedBy,

            @NotNull OffsetDateTime receivedAt,

            @NotBlank @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z\\-]{4,40}")
            String receiptNo,

            @PositiveOrZero @Max(1_000_000_000_000L) Long socialInsurancePaidFen,
            Boolean prescriptionCollected,
            @Valid HandOverDocuments.Checklist documents) {}

    /** A hospital transfer as the pharmacy sees it; {@code money} once the receipt settled it. */
    public record TransferView(
            String fulfilmentId,
            String prescriptionId,
            String pharmacyCode,
            String hospitalCode,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            String status,
            String trackingNo,
            String redemptionId,
            MoneyBlock money) {}

    /**
     * At the counter: {@code prescriptionCollected} (the original prescription) or, since #19, the whole
     * {@code documents} checklist; {@code collector} when someone else collects for the member.
     */
}
