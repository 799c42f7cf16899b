package com.oncopay.catalog.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-tier formulary rule (000, 第一/二/三层), applied to the list itself:
 * <ul>
 *   <li>tier 1 基础药品: a generic (or biosimilar) of a molecule listed from several makers;</li>
 *   <li>tier 2 首选品牌药: the only listed source of its molecule;</li>
 *   <li>tier 3 普通品牌药: the originator brand of a molecule that also has generics listed.</li>
 * </ul>
 */
public final class Formulary {
    private Formulary() {}

    /** Tier of each list number, derived from molecule groups and originator flags. */
    public static Map<Integer, Integer> deriveTiers(List<CatalogEntry> entries) {
        Map<String, Integer> makers = new HashMap<>();
        for (CatalogEntry e : entries) makers.merge(e.moleculeKey(), 1, Integer::sum);
        Map<Integer, Integer> tiers = new HashMap<>();
        for (CatalogEntry e : entries) tiers.put(e.listNo(), tierOf(makers.get(e.moleculeKey()), e.originator()));
        return tiers;
    }

    public static int tierOf(int listedMakersOfMolecule, boolean originator) {
        if (listedMakersOfMolecule <= 1) return 2;
        return originator ? 3 : 1;
    }
}
