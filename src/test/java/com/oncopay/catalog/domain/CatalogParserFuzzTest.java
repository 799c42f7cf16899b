package com.oncopay.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;

/**
 * #21 item 11: the catalog TSV parser (drugs.tsv, and the body of {@code POST /catalog/versions}) on
 * any bytes either answers a snapshot or refuses with {@link CatalogFormatException}, never another
 * exception; what it accepts can be stored (PostgreSQL text holds no NUL) and every refusal names a
 * line of the file. Crashing inputs are kept in {@code CatalogParserFuzzTestInputs/parse/}.
 */
class CatalogParserFuzzTest {
    private static final Set<String> RULES =
            Set.of("CART_AXICABTAGENE_LBCL", "CART_RELMACABTAGENE_LBCL_FL", "CART_EQUECABTAGENE_MM");

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({
        "\\x09",
        "\\x0A",
        "\\x0D\\x0A",
        "\\xEF\\xBB\\xBF",
        "\\x00",
        "true",
        "false",
        "INJECTION",
        "TABLET",
        "ANY",
        "HOSPITAL_ONLY",
        "BIOMARKER:EGFR",
        "CART_AXICABTAGENE_LBCL",
        "AID-PEMBRO-DEMO",
        "2024",
        "9999"
    })
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int lines = text.split("\n", -1).length;
        try {
            CatalogParser.Snapshot s = CatalogParser.parse("drugs.tsv", text, LocalDate.of(2026, 1, 1), RULES);
            assertFalse(s.entries().isEmpty(), "a snapshot has entries");
            for (CatalogEntry e : s.entries()) {
                assertTrue(e.listNo() >= 1 && e.listNo() <= 9999, e::toString);
                assertTrue(e.tier() >= 1 && e.tier() <= 3, e::toString);
                assertTrue(e.maxDaysSupply() >= 1 && e.maxDaysSupply() <= 365, e::toString);
                for (String field : new String[] {
                    e.brandName(), e.genericName(), e.manufacturer(), e.moleculeKey(), e.englishGeneric()
                }) {
                    assertTrue(field != null && !field.isBlank(), e::toString);
                    assertTrue(field.chars().noneMatch(Character::isISOControl), () -> "control character in " + e);
                }
            }
        } catch (CatalogFormatException refused) {
            assertFalse(refused.problems().isEmpty());
            refused.problems()
                    .forEach(p -> assertTrue(p.line() >= 1 && p.line() <= lines, () -> "line out of the file: " + p));
        }
    }
}
