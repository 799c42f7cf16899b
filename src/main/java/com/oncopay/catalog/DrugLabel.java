package com.oncopay.catalog;

import com.oncopay.catalog.domain.DrugForm;

/**
 * How a page names a drug (#23): the brand and generic names and the dosage form, from the latest catalog
 * version that lists it. All null for an id no version lists (the page then shows the id).
 */
public record DrugLabel(String drugId, String brandName, String genericName, DrugForm form) {
    public static DrugLabel unknown(String drugId) {
        return new DrugLabel(drugId, null, null, null);
    }
}
