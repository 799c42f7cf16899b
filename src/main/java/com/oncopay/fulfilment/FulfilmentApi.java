package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.fulfilment.domain.DeliveryStatus;
import com.oncopay.fulfilment.domain.HandOverDocuments;
import com.oncopay.platform.metrics.MeteredMoney;
import com.oncopay.platform.web.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the fulfilment API (API.md, Fulfilment). */
public final class FulfilmentApi {
    private FulfilmentApi() {}

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FulfilmentMode")
    public enum Mode {
        PICKUP,
        DELIVERY,
        /** Cell therapies: the pharmacy sends it by cold chain to the prescribing hospital, which signs for it. */
        HOSPITAL
    }

    public record Address(
            @NotBlank @Size(max = 40) @Pattern(regexp = Text.PLAIN)
            String province,

            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN)
            String city,

            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN)
            String district,

            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PLAIN)
            String line,

            @NotBlank @Pattern(regexp = "[0-9+\\- ]{5,20}") String phone) {}

    /** {@code hospitalCode} is for HOSPITAL only: the hospital named on the prescription. */
    public record ChooseRequest(
            @NotNull Mode mode,
            @NotBlank @Size(max = 40) String pharmacyCode,
            @Valid Address address,

            @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_\\-]+")
            String hospitalCode) {
        public ChooseRequest(Mode mode, String pharmacyCode, Address address) {
            this(mode, pharmacyCode, address, null);
        }
    }

    /**
     * {@code pickupCode} appears in this response only: the engine keeps a keyed hash of it (none for
     * HOSPITAL: the hospital signs for the transfer). {@code notices} tell the member what to do
     * before the hand-over (e.g. SOCIAL_INSURANCE_FILING_MISSING), never a refusal.
     */
    public record Chosen(
            String fulfilmentId,
            Mode mode,
            String pickupCode,
            OffsetDateTime expiresAt,
            OffsetDateTime promisedBy,
            boolean calendarProvisional,
            String hospitalCode,
            List<com.oncopay.platform.error.Problem.Reason> notices) {}

    public record RedeemRequest(
            @NotBlank @Size(max = 40) String pickupCode,
            @NotBlank @Size(max = 30) String idNumber,
            Boolean prescriptionCollected,

            @NotNull @PositiveOrZero @Max(1_000_000_000_000L)
            Long socialInsurancePaidFen,

            @Size(max = 100) List<@NotBlank @Pattern(regexp = "[0-9A-Za-z]{8,40}") String> traceCodes,
            HandOverDocuments.Checklist documents,
            @Valid Collector collector) {}

    /** Who the collector is to the member. */
    public enum CollectorRelation {
        SPOUSE,
        PARENT,
        CHILD,
        SIBLING,
        OTHER_RELATIVE,
        OTHER
    }

    /**
     * Someone else collects the drug (代领): name and identity number are stored encrypted and only shown
     * masked; the original power of attorney and the member's identity document must have been seen.
     */
    public record Collector(
            @NotNull CollectorRelation relation,

            @NotBlank @Size(max = 50) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotBlank @Pattern(regexp = "[A-Za-z0-9()\\-]{5,30}")
            String idNumber,

            Boolean powerOfAttorneySeen,
            Boolean memberIdSeen) {}

    /** A collector as reads show it: name and identity number masked. */
    public record CollectorView(
            CollectorRelation relation,
            String name,
            String idNumber,
            boolean powerOfAttorneySeen,
            boolean memberIdSeen) {}

    /** What was collected at the hand-over (null items: not stated by an older client), and who collected. */
    public record HandOver(
            String redemptionId,
            String fulfilmentId,
            OffsetDateTime at,
            HandOverDocuments.Checklist documents,
            CollectorView collector) {}

    public record PreviewRequest(
            @NotBlank @Size(max = 40) String pickupCode,

            @NotNull @PositiveOrZero @Max(1_000_000_000_000L)
            Long socialInsurancePaidFen) {}

    /**
     * The order behind a pickup code and the split a redemption would apply now. Here and in the receipt, the
     * deliveries, the transfers and the settlement lines the drug is named (#23): brand, generic name, form.
     */
    public record Preview(
            String fulfilmentId,
            String prescriptionId,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            String packSize,
            String memberName,
            OffsetDateTime expiresAt,
            long unitPriceFen,
            MoneyBlock money) {}

    public record Redemption(
            String redemptionId,
            String fulfilmentId,
            String prescriptionId,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            String packSize,
            MoneyBlock money,
            HandOver handOver)
            implements MeteredMoney {
        @Override
        public Moved moneyMoved() {
            return new Moved(Kind.REDEMPTION, money.insurerPaysFen());
        }
    }

    public enum ReversalReason {
        RETURNED,
        DISPENSING_ERROR,
        DAMAGED,
        OTHER
    }

    public record ReversalRequest(@NotNull ReversalReason reasonCode) {}

    public record Reversal(String reversalId, String redemptionId, ReversalReason reasonCode, MoneyBlock money)
            implements MeteredMoney {
        @Override
        public Moved moneyMoved() {
            return new Moved(Kind.REVERSAL, money.insurerPaysFen());
        }
    }

    public record StatusRequest(
            @NotNull DeliveryStatus status,
            OffsetDateTime at,
            @Pattern(regexp = Text.TRACKING_NO) String trackingNo,
            @Size(max = 30) String idNumber,
            @PositiveOrZero @Max(1_000_000_000_000L) Long socialInsurancePaidFen,
            Boolean prescriptionCollected,
            HandOverDocuments.Checklist documents,
            @Valid Collector collector) {}

    /** A delivery's address, read by the delivering pharmacy: never in events, lists or logs. */
    public record DeliveryAddress(
            String fulfilmentId, String province, String city, String district, String line, String phone) {}

    public record DeliveryView(
            String fulfilmentId,
            String prescriptionId,
            String pharmacyCode,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            String packSize,
            String status,
            OffsetDateTime promisedBy,
            boolean calendarProvisional,
            boolean overdue,
            String trackingNo,
            String deliveryCity,
            MoneyBlock money)
            implements MeteredMoney {
        /** A status update that settled the delivery (DELIVERED, with its money block). */
        @Override
        public Moved moneyMoved() {
            return "DELIVERED".equals(status) && money != null
                    ? new Moved(Kind.DELIVERY_SETTLED, money.insurerPaysFen())
                    : null;
        }
    }

    /** A member's own fulfilment: where and how, its state, the code's expiry and the promised delivery time (never the code). */
    public record FulfilmentView(
            String fulfilmentId,
            String prescriptionId,
            String drugId,
            int packs,
            Mode mode,
            String pharmacyCode,
            String pharmacyName,
            String status,
            OffsetDateTime expiresAt,
            OffsetDateTime promisedBy,
            boolean calendarProvisional,
            boolean overdue,
            String trackingNo,
            OffsetDateTime updatedAt) {}

    public record SettlementLine(
            String redemptionId,
            String kind,
            OffsetDateTime at,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            long insurerPaysFen) {}

    public record Settlement(
            String pharmacyCode, LocalDate from, LocalDate to, List<SettlementLine> lines, long totalFen) {}
}
