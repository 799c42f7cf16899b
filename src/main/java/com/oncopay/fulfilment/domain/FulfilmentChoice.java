package com.oncopay.fulfilment.domain;

import com.oncopay.coverage.domain.DrugFacts;
import com.oncopay.coverage.domain.Eligibility;
import java.util.List;

/**
 * Whether a member may have a drug handed over this way at this pharmacy (docs/RULES.md,
 * Fulfilment), decided from plain facts, first refusal wins:
 * <ol>
 *   <li>a hospital-only entry (CAR-T and the other cell therapies, radio-embolisation) goes to the
 *       prescribing hospital only: any other way is {@value #HOSPITAL_ONLY};
 *   <li>the hospital way is for those entries only: {@value #HOSPITAL_MODE_NOT_APPLICABLE};
 *   <li>the hospital must be the one named on the prescription: {@value #HOSPITAL_NOT_ON_PRESCRIPTION};
 *   <li>home delivery as eligibility reports it ({@link Eligibility#deliveryRefusal});
 *   <li>a cold-chain drug leaves the pharmacy (delivery or transfer) only from a cold-chain
 *       pharmacy ({@link ColdChain});
 *   <li>an NRDL drug for a member insured with social insurance is paid with the social-insurance
 *       card at the pharmacy, which must be able to settle it: {@value #PHARMACY_CANNOT_SETTLE}.
 * </ol>
 * A choice that passes may still carry notices: the member's social-insurance filing is missing
 * ({@value #FILING_MISSING}).
 */
public final class FulfilmentChoice {
    public static final String HOSPITAL_ONLY = "HOSPITAL_ONLY";
    public static final String HOSPITAL_MODE_NOT_APPLICABLE = "HOSPITAL_MODE_NOT_APPLICABLE";
    public static final String HOSPITAL_NOT_ON_PRESCRIPTION = "HOSPITAL_NOT_ON_PRESCRIPTION";
    public static final String PHARMACY_CANNOT_SETTLE = "PHARMACY_CANNOT_SETTLE_SOCIAL_INSURANCE";
    public static final String FILING_MISSING = "SOCIAL_INSURANCE_FILING_MISSING";

    private FulfilmentChoice() {}

    public enum Way {
        PICKUP,
        DELIVERY,
        HOSPITAL
    }

    /**
     * The facts. {@code hospitalCode} is the one asked for (null unless HOSPITAL), {@code
     * prescriptionHospital} the one on the prescription; {@code filingRecorded} whether the member's
     * social-insurance filing (医保备案) is on record.
     */
    public record Facts(
            Way way,
            DrugFacts drug,
            boolean drugColdChain,
            boolean socialInsurance,
            boolean filingRecorded,
            boolean pharmacySettlesSocialInsurance,
            boolean pharmacyColdChain,
            String hospitalCode,
            String prescriptionHospital) {}

    /** The code of the first refusal, or {@code null} when the choice may go ahead. */
    public static String refusal(Facts f) {
        boolean hospitalOnly = f.drug().hospitalOnly();
        if (hospitalOnly && f.way() != Way.HOSPITAL) return HOSPITAL_ONLY;
        if (!hospitalOnly && f.way() == Way.HOSPITAL) return HOSPITAL_MODE_NOT_APPLICABLE;
        if (f.way() == Way.HOSPITAL
                && (f.hospitalCode() == null || !f.hospitalCode().equals(f.prescriptionHospital())))
            return HOSPITAL_NOT_ON_PRESCRIPTION;
        if (f.way() == Way.DELIVERY) {
            String delivery = Eligibility.deliveryRefusal(f.drug(), f.socialInsurance());
            if (delivery != null) return delivery;
        }
        if (!ColdChain.allows(f.way() != Way.PICKUP, f.drugColdChain(), f.pharmacyColdChain()))
            return ColdChain.REQUIRED;
        if (socialInsuranceDirectPay(f) && !f.pharmacySettlesSocialInsurance()) return PHARMACY_CANNOT_SETTLE;
        return null;
    }

    /** What the member is told with a choice that goes ahead (codes, in order). */
    public static List<String> notices(Facts f) {
        return socialInsuranceDirectPay(f) && !f.filingRecorded() ? List.of(FILING_MISSING) : List.of();
    }

    /** 「以社保身份投保，且您申请的药物为医保内药品」: paid with the social-insurance card at the pharmacy. */
    public static boolean socialInsuranceDirectPay(Facts f) {
        return f.drug().nrdl() && f.socialInsurance();
    }
}
