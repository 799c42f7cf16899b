package com.oncopay.catalog;

import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.catalog.domain.FulfilmentRestriction;
import java.time.LocalDate;

/** A catalog entry as the API shows it, with the version it comes from. */
public record DrugView(
        String drugId,
        int listNo,
        String brandName,
        String genericName,
        String manufacturer,
        String moleculeKey,
        String englishGeneric,
        boolean originator,
        int tier,
        boolean nrdl,
        Integer nrdlListYear,
        boolean coldChain,
        DrugForm form,
        String indicationRule,
        FulfilmentRestriction fulfilment,
        String aidProgram,
        int maxDaysSupply,
        LocalDate effectiveFrom,
        int catalogVersion) {

    public DrugView withAidProgram(String programCode) {
        return new DrugView(
                drugId,
                listNo,
                brandName,
                genericName,
                manufacturer,
                moleculeKey,
                englishGeneric,
                originator,
                tier,
                nrdl,
                nrdlListYear,
                coldChain,
                form,
                indicationRule,
                fulfilment,
                programCode,
                maxDaysSupply,
                effectiveFrom,
                catalogVersion);
    }
}
