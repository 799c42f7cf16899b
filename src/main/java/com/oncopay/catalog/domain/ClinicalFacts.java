package com.oncopay.catalog.domain;

import java.util.List;
import java.util.Map;

/**
 * The clinical facts of a prescription that indication rules look at. Any of them may be
 * unknown (null); a rule that needs an unknown fact answers "needs review", never a guess.
 *
 * @param ageYears         the patient's age in whole years on the prescription date
 * @param diagnosisIcd10   the diagnosis the drug is prescribed for (e.g. C83.3)
 * @param priorLines       lines of systemic therapy already received
 * @param diseaseStatus    RELAPSED, REFRACTORY, or another status (e.g. NEWLY_DIAGNOSED)
 * @param monthsToRelapse  months from the end of the last line to relapse (when RELAPSED)
 * @param priorTherapies   drugs or drug classes already received (molecule, Chinese name or class)
 * @param biomarkers       test results by marker, e.g. {@code EGFR -> POSITIVE} or {@code EGFR -> L858R}
 */
public record ClinicalFacts(
        Integer ageYears,
        String diagnosisIcd10,
        Integer priorLines,
        String diseaseStatus,
        Integer monthsToRelapse,
        List<String> priorTherapies,
        Map<String, String> biomarkers) {

    public static final ClinicalFacts NONE = new ClinicalFacts(null, null, null, null, null, null, null);
}
