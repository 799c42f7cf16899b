package com.oncopay.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public list shows each drug's indication requirement in words, never the rule code or its source reference. */
class IndicationWordsTest {
    private static IndicationRules rules;

    @BeforeAll
    static void load() throws IOException {
        rules = IndicationRules.parse(
                "indication-rules.tsv",
                Files.readString(Path.of("drug-catalog/indication-rules.tsv")),
                "therapy-classes.tsv",
                Files.readString(Path.of("drug-catalog/therapy-classes.tsv")));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "-|限药品说明书所列适应症（以处方审核为准）",
                "'  '|限药品说明书所列适应症（以处方审核为准）",
                "BIOMARKER:EGFR|需经基因或病理检测：EGFR 基因突变阳性",
                "BIOMARKER:BCR_ABL|需经基因或病理检测：BCR-ABL 融合基因（费城染色体）阳性",
                "BIOMARKER:HR_POSITIVE|需经基因或病理检测：激素受体（HR）阳性",
                "BIOMARKER:KRAS_G12C|需经基因或病理检测：KRAS G12C阳性",
                "CART_EQUECABTAGENE_MM|" + "复发或难治性多发性骨髓瘤成人患者，既往经过至少3线治疗后进展（至少使用过一种蛋白酶体抑制剂及免疫调节剂）",
                "CART_UNKNOWN|限药品说明书所列适应症（以处方审核为准）"
            })
    void words(String rule, String first) {
        assertEquals(first, IndicationWords.of(rule, rules).get(0));
    }

    @ParameterizedTest(name = "{0} has {1} pathways in words")
    @CsvSource({"CART_AXICABTAGENE_LBCL, 2", "CART_RELMACABTAGENE_LBCL_FL, 2", "CART_EQUECABTAGENE_MM, 1"})
    void one_line_per_pathway_without_the_reference(String rule, int pathways) {
        List<String> words = IndicationWords.of(rule, rules);
        assertEquals(pathways, words.size());
        words.forEach(w -> assertEquals(false, w.contains("004") || w.contains("附件"), w));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {"004 附件二 #104 (1): 成人患者|成人患者", "无引用|无引用", "-|''"})
    void wording(String source, String expected) {
        assertEquals(expected, IndicationWords.wording(source));
    }
}
