package com.oncopay.coverage.domain;

import java.util.Map;

/**
 * The product data the rules read: waiting period, renewal grace, sum insured, deductible,
 * the ICD-10 range counted as malignant tumour (C00-C97 in 004) and the payout ratios by
 * formulary tier and whether social insurance settled part of the fill.
 */
public record ProductTerms(
        String code,
        PlanLevel planLevel,
        long sumInsuredFen,
        long deductibleFen,
        int waitingPeriodDays,
        int renewalGraceDays,
        String malignantFrom,
        String malignantTo,
        Map<RatioKey, Integer> ratios) {

    public record RatioKey(int tier, boolean socialInsuranceUsed) {}

    public ProductTerms {
        ratios = Map.copyOf(ratios);
    }

    /** Percent the insurer pays, or null when the product has no ratio for that combination. */
    public Integer ratio(int tier, boolean socialInsuranceUsed) {
        return ratios.get(new RatioKey(tier, socialInsuranceUsed));
    }

    /** Whether an ICD-10 code falls in the product's malignant range (compared on category, e.g. C34 of C34.9). */
    public boolean malignant(String icd10) {
        if (icd10 == null || icd10.length() < 3) return false;
        String category = icd10.substring(0, 3).toUpperCase(java.util.Locale.ROOT);
        return category.compareTo(malignantFrom) >= 0 && category.compareTo(malignantTo) <= 0;
    }
}
