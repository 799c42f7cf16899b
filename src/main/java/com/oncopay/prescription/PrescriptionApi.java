package com.oncopay.prescription;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.web.Text;
import com.oncopay.prescription.domain.MaterialKind;
import com.oncopay.prescription.domain.PrescriptionRules;
import com.oncopay.prescription.domain.PrescriptionStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Bodies of the prescription API (API.md, Prescriptions). */
public final class PrescriptionApi {
    private PrescriptionApi() {}

    public record Clinical(
            @Min(1) @Max(20) Integer lineOfTherapy,
            @Min(0) @Max(20) Integer priorLines,
            @Size(max = 30) List<@NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN) String> priorTherapies,

            @Size(max = 30)
            Map<
                            @NotBlank @Size(max = 30) @Pattern(regexp = Text.PLAIN) String,
                            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN) String>
                    biomarkers,

            @Min(0) @Max(130) Integer ageYears,
            @Pattern(regexp = "[A-Z_]{3,30}") String diseaseStatus,
            @Min(0) @Max(600) Integer monthsToRelapse) {}

    public record Applicant(
            @NotNull PrescriptionRules.Relation relation,

            @NotBlank @Size(max = 100) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotBlank @Size(max = 30) String idNumber,
            Boolean powerOfAttorney,
            Boolean bothIdentityDocuments,
            Boolean guardianshipProof,
            Boolean incapacityProof) {}

    public record SubmitRequest(
            @NotBlank @Size(max = 40) String memberId,
            @NotBlank @Size(max = 10) String drugId,
            @NotNull @Min(1) @Max(1000) Integer packs,
            /* #23: the 规格 as written on the prescription, shown at the counter next to the packs */
            @Size(max = 40) @Pattern(regexp = Text.PLAIN) String packSize,
            @NotNull @Min(1) @Max(365) Integer daysSupply,
            @NotNull LocalDate prescribedOn,
            @Min(1) @Max(3) Integer validDays,

            @NotBlank @Size(max = 100) @Pattern(regexp = Text.PLAIN)
            String prescriberName,

            @NotBlank @Size(max = 40) String hospitalCode,

            @NotBlank @Pattern(regexp = "[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?")
            String diagnosisIcd10,

            @Valid Clinical clinical,
            @Valid Applicant applicant,
            OffsetDateTime receivedAt,
            /* #20 item 4: the application's materials supplied with it (recorded as received) */
            @Size(max = 20) List<@NotNull MaterialKind> documents) {}

    /** A prescription as answered: decision, reasons and dates; never the diagnosis or clinical facts. */
    public record PrescriptionView(
            String prescriptionId,
            String memberId,
            String drugId,
            int packs,
            String packSize,
            int daysSupply,
            LocalDate prescribedOn,
            String status,
            List<Problem.Reason> reasons,
            List<String> missingFacts,
            Integer tier,
            Integer catalogVersion,
            String policyNumber,
            OffsetDateTime receivedAt,
            OffsetDateTime reviewDueBy,
            OffsetDateTime investigationDueBy,
            boolean calendarProvisional,
            boolean overdue,
            OffsetDateTime decidedAt,
            String hospitalCode,
            LocalDate infoDueOn,
            List<Map<String, Object>> informationSupplied) {}

    /** An answer to a request for information (#20): clinical facts merged over the stored ones, documents supplied. */
    public record InformationRequest(
            @Valid Clinical clinical, @Size(max = 20) List<@NotNull MaterialKind> documents) {}

    public record ReviewRequest(
            @NotNull PrescriptionStatus.ReviewDecision decision,
            @Pattern(regexp = "[A-Z_]{3,40}") String reasonCode,

            @Size(max = 1000) @Pattern(regexp = Text.PLAIN_LINES)
            String note) {}

    public record EstimateRequest(
            @NotBlank @Size(max = 40) String pharmacyCode,

            @NotNull @PositiveOrZero @Max(1_000_000_000_000L)
            Long socialInsurancePaidFen) {}

    public record Estimate(
            String prescriptionId,
            String pharmacyCode,
            String drugId,
            int packs,
            long unitPriceFen,
            MoneyBlock money) {}
}
