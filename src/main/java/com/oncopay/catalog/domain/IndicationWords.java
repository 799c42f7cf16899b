package com.oncopay.catalog.domain;

import java.util.List;
import java.util.Map;

/**
 * A drug's indication requirement in words for the public list: a biomarker rule names the marker that
 * must test positive; a pathway rule quotes each pathway's wording from 004 (附件二) without the
 * reference; no rule means the drug's label indications, as checked at prescription review.
 */
public final class IndicationWords {
    static final String LABEL = "限药品说明书所列适应症（以处方审核为准）";
    private static final Map<String, String> MARKERS = Map.of(
            "EGFR", "EGFR 基因突变",
            "BCR_ABL", "BCR-ABL 融合基因（费城染色体）",
            "HER2", "HER2",
            "ALK", "ALK 融合基因",
            "HR_POSITIVE", "激素受体（HR）",
            "BRAF_V600", "BRAF V600 突变",
            "NTRK", "NTRK 融合基因");

    private IndicationWords() {}

    public static List<String> of(String rule, IndicationRules rules) {
        if (rule == null || rule.isBlank()) return List.of(LABEL);
        if (rule.startsWith("BIOMARKER:")) {
            String marker = rule.substring("BIOMARKER:".length());
            return List.of("需经基因或病理检测：" + MARKERS.getOrDefault(marker, marker.replace('_', ' ')) + "阳性");
        }
        List<String> words = rules == null
                ? List.of()
                : rules.pathways(rule).stream()
                        .map(p -> wording(p.source()))
                        .filter(w -> !w.isEmpty())
                        .toList();
        return words.isEmpty() ? List.of(LABEL) : words;
    }

    /** {@code 004 附件二 #104 (1): 既往接受…} → {@code 既往接受…}: the source reference is not for the public. */
    static String wording(String source) {
        if (source == null) return "";
        int colon = source.indexOf(": ");
        return (colon >= 0 ? source.substring(colon + 2) : source).strip();
    }
}
