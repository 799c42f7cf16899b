package com.oncopay.prescription.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the application's materials (seed 004: 「病历资料（含首诊病历）、医学诊断书、基因检测、特药处方、病理检查报告、
 * 化验检查报告等医学材料和本产品理赔通知书」) a prescription needs before a reviewer may approve it, by the drug's
 * classes. The table is configuration ({@code oncopay.prescription.materials.required.<class>}); a drug belongs to:
 * <ul>
 *   <li>{@link #ALL}: every drug;
 *   <li>{@link #BIOMARKER}: its indication rule names a biomarker ({@code BIOMARKER:EGFR}), so a genetic test shows it;
 *   <li>{@link #INDICATION_RULE}: any other indication rule (the CAR-T rules on lines of therapy and disease status);
 *   <li>its dosage form's name ({@code CELL_THERAPY}, {@code DEVICE}, ...).
 * </ul>
 * A drug the catalog no longer knows is only in {@link #ALL}. Refused with {@link #MATERIALS_INCOMPLETE} when a
 * required one has not been received.
 */
public final class RequiredMaterials {
    public static final String MATERIALS_INCOMPLETE = "MATERIALS_INCOMPLETE";
    public static final String ALL = "ALL";
    public static final String BIOMARKER = "BIOMARKER";
    public static final String INDICATION_RULE = "INDICATION_RULE";

    private final Map<String, List<MaterialKind>> byClass;

    public RequiredMaterials(Map<String, List<MaterialKind>> byClass) {
        Map<String, List<MaterialKind>> copy = new LinkedHashMap<>();
        byClass.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        this.byClass = Map.copyOf(copy);
    }

    /** The classes of a drug with this indication rule (null or empty: none) and dosage form (null: unknown). */
    public static List<String> classesOf(String indicationRule, String form) {
        List<String> out = new ArrayList<>();
        out.add(ALL);
        if (indicationRule != null && !indicationRule.isBlank()) {
            out.add(indicationRule.startsWith("BIOMARKER:") ? BIOMARKER : INDICATION_RULE);
        }
        if (form != null && !form.isBlank()) out.add(form);
        return out;
    }

    /** The materials required of a prescription for such a drug, in {@link MaterialKind} order, each once. */
    public List<MaterialKind> requiredFor(String indicationRule, String form) {
        Set<MaterialKind> out = EnumSet.noneOf(MaterialKind.class);
        for (String c : classesOf(indicationRule, form)) out.addAll(byClass.getOrDefault(c, List.of()));
        return List.copyOf(out);
    }

    /** The required materials not among those received, in the order required. */
    public static List<MaterialKind> missing(List<MaterialKind> required, Collection<MaterialKind> received) {
        return required.stream().filter(k -> !received.contains(k)).toList();
    }
}
