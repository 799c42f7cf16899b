package com.oncopay.catalog.domain;

/**
 * One entry of the covered drug list (004 附件二) with the fields the engine needs.
 * Names are exactly as the list gives them; see drug-catalog/SOURCE.md for each field.
 */
public record CatalogEntry(
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
        int maxDaysSupply,
        String indicationRule,
        FulfilmentRestriction fulfilment,
        String aidProgram) {

    /** The stable id of an entry: {@code D} and the three-digit list number ({@code D001}). */
    public String drugId() {
        return drugId(listNo);
    }

    public static String drugId(int listNo) {
        String n = Integer.toString(listNo);
        return n.length() >= 3 ? "D" + n : "D" + "00".substring(n.length() - 1) + n;
    }

    /** {@code D001} for {@code D001}, {@code d1} or {@code 1}; anything that is not a list number unchanged. */
    public static String canonicalDrugId(String drugId) {
        int listNo = listNoOf(drugId);
        return listNo > 0 ? drugId(listNo) : drugId;
    }

    /** The list number of a drug id ({@code D001} or {@code 1}), or -1 if it is not one. */
    public static int listNoOf(String drugId) {
        if (drugId == null) return -1;
        String digits = drugId.startsWith("D") || drugId.startsWith("d") ? drugId.substring(1) : drugId;
        if (digits.isEmpty() || digits.length() > 4) return -1;
        for (int i = 0; i < digits.length(); i++) if (!Character.isDigit(digits.charAt(i))) return -1;
        return Integer.parseInt(digits);
    }
}
