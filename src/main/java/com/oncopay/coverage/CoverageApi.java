package com.oncopay.coverage;

import com.oncopay.coverage.domain.HospitalGrade;
import com.oncopay.coverage.domain.HospitalKind;
import com.oncopay.coverage.domain.PlanLevel;
import com.oncopay.platform.web.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Request and response bodies of the reference-data API (API.md, Reference data). */
public final class CoverageApi {
    private CoverageApi() {}

    public static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}";
    public static final long MAX_FEN = 1_000_000_000_000L;

    public record Ratio(
            @NotNull @Min(1) @Max(3) Integer tier,
            @NotNull Boolean socialInsuranceUsed,
            @NotNull @Min(0) @Max(100) Integer percent) {}

    public record ProductRequest(
            @NotBlank @Pattern(regexp = CODE) String code,

            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotNull PlanLevel planLevel,
            @NotNull @Positive @Max(MAX_FEN) Long sumInsuredFen,
            @NotNull @PositiveOrZero @Max(MAX_FEN) Long deductibleFen,
            @NotNull @Min(0) @Max(3650) Integer waitingPeriodDays,
            @NotNull @Min(0) @Max(3650) Integer renewalGraceDays,
            @NotEmpty @Size(max = 6) List<@Valid @NotNull Ratio> ratios,
            @Pattern(regexp = "[A-Z][0-9]{2}") String malignantFrom,
            @Pattern(regexp = "[A-Z][0-9]{2}") String malignantTo) {}

    public record ProductView(
            String code,
            String name,
            PlanLevel planLevel,
            long sumInsuredFen,
            long deductibleFen,
            int waitingPeriodDays,
            int renewalGraceDays,
            List<Ratio> ratios,
            String malignantFrom,
            String malignantTo) {}

    public record HospitalRequest(
            @NotBlank @Pattern(regexp = CODE) String code,

            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotBlank @Size(max = 40) @Pattern(regexp = Text.PLAIN)
            String province,

            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN)
            String city,

            @NotNull HospitalGrade grade,
            @NotNull Boolean publicOwned,
            @NotNull HospitalKind kind) {}

    public record HospitalView(
            String code,
            String name,
            String province,
            String city,
            HospitalGrade grade,
            boolean publicOwned,
            HospitalKind kind,
            boolean designated) {}

    public record Price(
            @NotBlank @Size(max = 10) String drugId,
            @NotNull @Positive @Max(MAX_FEN) Long priceFen) {}

    public record PharmacyRequest(
            @NotBlank @Pattern(regexp = CODE) String code,

            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotBlank @Size(max = 40) @Pattern(regexp = Text.PLAIN)
            String province,

            @NotBlank @Size(max = 60) @Pattern(regexp = Text.PLAIN)
            String city,

            @NotNull Boolean gspCertified,
            @NotNull Boolean coldChain,
            @NotNull Boolean pharmacistOnSite,
            @NotNull Boolean socialInsuranceSettlement,
            @Size(max = 500) List<@Valid @NotNull Price> prices) {}

    public record PharmacyView(
            String code,
            String name,
            String province,
            String city,
            boolean gspCertified,
            boolean coldChain,
            boolean pharmacistOnSite,
            boolean socialInsuranceSettlement,
            boolean designated,
            List<Price> prices) {}

    /** What a member may see of a pharmacy when choosing where to collect or from where to be delivered: no prices. */
    public record PharmacySummary(
            String code, String name, String province, String city, boolean coldChain, boolean designated) {}

    public enum IdType {
        RESIDENT_ID,
        HK_MACAO_PERMIT,
        TAIWAN_PERMIT,
        PASSPORT,
        FOREIGN_PERMANENT_RESIDENT
    }

    public record MemberBlock(
            @NotBlank @Pattern(regexp = CODE) String memberId,

            @NotBlank @Size(max = 100) @Pattern(regexp = Text.PLAIN)
            String name,

            @NotNull IdType idType,
            @NotBlank @Size(max = 30) String idNumber,
            @NotNull LocalDate birthDate,
            @NotNull Boolean mainlandCitizen,
            @NotNull Boolean socialInsurance) {}

    public record PolicyRequest(
            @NotBlank @Pattern(regexp = CODE) String policyNumber,
            @NotBlank @Size(max = 40) String productCode,
            @NotNull @Valid MemberBlock member,
            @NotNull LocalDate effectiveDate,
            @NotNull LocalDate expiryDate,
            @Pattern(regexp = CODE) String previousPolicyNumber,
            /* the day the policyholder received the policy (the cooling-off period follows it); absent: the effective date */
            LocalDate receivedOn) {}

    /** A member as responses show it: the identity number masked, never in clear. */
    public record MemberView(
            String memberId,
            String name,
            IdType idType,
            String idNumber,
            LocalDate birthDate,
            boolean mainlandCitizen,
            boolean socialInsurance,
            SocialInsuranceFiling socialInsuranceFiling) {}

    /** A Chinese city name (延边朝鲜族自治州, 北京市) or its romanisation. */
    public static final String CITY = "[\\p{IsHan}·]{2,20}|[A-Za-z][A-Za-z .'\\-]{1,39}";

    /** 医保备案: where the member filed, on which day, and whether the member is treated out of town (异地就医). */
    public record SocialInsuranceFilingRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = CITY)
            String city,

            @NotNull LocalDate filedOn,
            @NotNull Boolean outOfTown) {}

    /** A member's recorded social-insurance filing (null in a member view when none is recorded). */
    public record SocialInsuranceFiling(String memberId, String city, LocalDate filedOn, boolean outOfTown) {}

    public record PolicyView(
            String policyNumber,
            String productCode,
            MemberView member,
            LocalDate effectiveDate,
            LocalDate expiryDate,
            String previousPolicyNumber,
            LocalDate receivedOn,
            /* the first day without cover once the policy is cancelled (POST /policies/{n}/cancellation); else null */
            LocalDate cancelledFrom) {}

    public record DiagnosisRequest(
            @NotBlank @Pattern(regexp = "[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?")
            String icd10,

            @NotNull LocalDate diagnosedOn,
            @NotBlank @Size(max = 40) String hospitalCode,
            @NotNull Boolean specialist,
            @NotNull Boolean firstEver) {}

    /** The recorded diagnosis without its ICD-10 code: the caller already has it, and no response repeats medical facts needlessly. */
    public record DiagnosisView(
            String diagnosisId,
            String memberId,
            LocalDate diagnosedOn,
            String hospitalCode,
            boolean hospitalDesignated,
            boolean specialist,
            boolean firstEver) {}
}
