package com.oncopay.catalog;

import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.catalog.domain.FulfilmentRestriction;
import com.oncopay.catalog.domain.IndicationRules;
import com.oncopay.catalog.domain.IndicationWords;
import java.time.LocalDate;
import java.util.List;

/**
 * A catalog entry as anyone may see it without signing in (004: 「最新版本清单以官方网站公示为准」): the
 * published list's data, with the indication requirement in words instead of the engine's rule code, and
 * without the internal molecule key. It carries no member data and no prices: contract prices differ by
 * pharmacy and are agreed between the insurer and each pharmacy, so they are not published.
 */
public record PublicDrugView(
        String drugId,
        int listNo,
        String brandName,
        String genericName,
        String manufacturer,
        String englishGeneric,
        boolean originator,
        int tier,
        boolean nrdl,
        Integer nrdlListYear,
        boolean coldChain,
        DrugForm form,
        List<String> indications,
        FulfilmentRestriction fulfilment,
        String aidProgram,
        int maxDaysSupply,
        LocalDate effectiveFrom,
        int catalogVersion) {

    public static PublicDrugView of(DrugView v, IndicationRules rules) {
        return new PublicDrugView(
                v.drugId(),
                v.listNo(),
                v.brandName(),
                v.genericName(),
                v.manufacturer(),
                v.englishGeneric(),
                v.originator(),
                v.tier(),
                v.nrdl(),
                v.nrdlListYear(),
                v.coldChain(),
                v.form(),
                IndicationWords.of(v.indicationRule(), rules),
                v.fulfilment(),
                v.aidProgram(),
                v.maxDaysSupply(),
                v.effectiveFrom(),
                v.catalogVersion());
    }

    /** A page of the public list. */
    public record Page(List<PublicDrugView> items, int page, int size, long total, int catalogVersion) {}
}
