package com.oncopay.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogParserTest {
    private static final Set<String> RULES =
            Set.of("CART_AXICABTAGENE_LBCL", "CART_RELMACABTAGENE_LBCL_FL", "CART_EQUECABTAGENE_MM");
    private static String text;
    private static Map<Integer, CatalogEntry> byNo;

    @BeforeAll
    static void parseShippedList() throws IOException {
        text = Files.readString(Path.of("drug-catalog/drugs.tsv"));
        byNo = CatalogParser.parse("drugs.tsv", text, LocalDate.of(2025, 1, 1), RULES).entries().stream()
                .collect(Collectors.toMap(CatalogEntry::listNo, Function.identity()));
    }

    @Test
    void all_188_entries_are_there_numbered_1_to_188() {
        assertEquals(188, byNo.size());
        for (int i = 1; i <= 188; i++) assertTrue(byNo.containsKey(i), "entry " + i);
    }

    /** A sample spread across the list, as 004 附件二 prints it (商品名 药品名 厂商). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1|可瑞达|帕博利珠单抗注射液|默沙东",
                "3|爱博新|哌柏西利胶囊/哌柏西利片|辉瑞",
                "31|万珂|注射用硼替佐米|杨森",
                "62|泰欣生|尼妥珠单抗注射液|百泰生物",
                "103|爱普盾|肿瘤电场治疗|再鼎医药",
                "104|奕凯达|阿基仑赛注射液|复星凯特",
                "105|倍诺达|瑞基奥仑赛注射液|药明巨诺",
                "132|优赫得|注射用德曲妥珠单抗|第一三共/阿斯利康",
                "142|福可苏|伊基奥仑赛注射液|驯鹿生物/信达生物",
                "143|/|钇[90Y]微球注射液（内陆+海南）|内陆：远大；海南：波科",
                "183|安尼可|派安普利单抗注射液|正大天晴/康方生物",
                "188|康可期|阿可替尼胶囊|阿斯利康"
            })
    void names_match_the_source_list(int listNo, String brand, String generic, String maker) {
        CatalogEntry e = byNo.get(listNo);
        assertEquals(brand, e.brandName());
        assertEquals(generic, e.genericName());
        assertEquals(maker, e.manufacturer());
    }

    @Test
    void the_bortezomib_group_has_eight_makers_with_the_originator_in_tier_3_and_generics_in_tier_1() {
        List<CatalogEntry> group = byNo.values().stream()
                .filter(e -> e.moleculeKey().equals("bortezomib"))
                .toList();
        assertEquals(
                Set.of(31, 32, 33, 34, 35, 36, 152, 153),
                group.stream().map(CatalogEntry::listNo).collect(Collectors.toSet()));
        for (CatalogEntry e : group) {
            assertEquals(e.listNo() == 31 ? 3 : 1, e.tier(), e.brandName());
        }
        assertEquals("万珂", byNo.get(31).brandName());
    }

    @Test
    void a_single_source_antibody_is_tier_2() {
        assertEquals(2, byNo.get(1).tier()); // 可瑞达 pembrolizumab
        assertEquals(
                1,
                byNo.values().stream()
                        .filter(e -> e.moleculeKey().equals("pembrolizumab"))
                        .count());
    }

    @Test
    void every_tier_follows_the_formulary_rule() {
        Map<Integer, Integer> derived = Formulary.deriveTiers(List.copyOf(byNo.values()));
        byNo.values().forEach(e -> assertEquals(derived.get(e.listNo()), e.tier(), "entry " + e.listNo()));
    }

    @Test
    void car_t_goes_to_the_treating_hospital_and_the_device_is_issued_per_course() {
        for (int n : new int[] {104, 105, 142}) {
            assertEquals(FulfilmentRestriction.HOSPITAL_ONLY, byNo.get(n).fulfilment());
            assertEquals(DrugForm.CELL_THERAPY, byNo.get(n).form());
            assertTrue(byNo.get(n).indicationRule().startsWith("CART_"));
        }
        assertEquals(FulfilmentRestriction.PER_COURSE, byNo.get(103).fulfilment());
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "1, 2", "0, 2"})
    void formulary_tier_table(int listedMakers, int originatorTier) {
        assertEquals(originatorTier, Formulary.tierOf(listedMakers, true));
    }

    @Test
    void a_malformed_row_is_rejected_naming_file_line_and_field() {
        String broken =
                text.replaceFirst("\n5\t兆珂\t", "\nfive\t兆珂\t").replaceFirst("(\n7\t[^\n]*?)\tTABLET\t", "$1\tPILL\t");
        CatalogFormatException e = assertThrows(
                CatalogFormatException.class,
                () -> CatalogParser.parse("drugs.tsv", broken, LocalDate.of(2025, 1, 1), RULES));
        assertTrue(
                e.problems().contains(new CatalogProblem("drugs.tsv", 6, "listNo", "must be an integer, got 'five'")),
                e.problems().toString());
        assertTrue(
                e.problems().stream().anyMatch(p -> p.line() == 8 && "form".equals(p.field())),
                e.problems().toString());
    }

    @Test
    void a_row_with_a_missing_field_is_rejected_with_its_line() {
        String broken = text.replaceFirst("\n10\t泰圣奇\t阿替利珠单抗注射液\t", "\n10\t泰圣奇阿替利珠单抗注射液\t");
        CatalogFormatException e = assertThrows(
                CatalogFormatException.class,
                () -> CatalogParser.parse("drugs.tsv", broken, LocalDate.of(2025, 1, 1), RULES));
        assertEquals(11, e.problems().get(0).line());
    }

    @Test
    void a_tier_that_contradicts_the_rule_is_rejected() {
        String broken = text.replaceFirst("(\n1\t可瑞达\t[^\n]*?\ttrue\t)2\t", "$13\t");
        CatalogFormatException e = assertThrows(
                CatalogFormatException.class,
                () -> CatalogParser.parse("drugs.tsv", broken, LocalDate.of(2025, 1, 1), RULES));
        assertEquals("tier", e.problems().get(0).field());
        assertEquals(2, e.problems().get(0).line());
    }

    @Test
    void an_unknown_indication_rule_is_rejected() {
        String broken = text.replace("CART_EQUECABTAGENE_MM", "CART_UNKNOWN");
        assertThrows(
                CatalogFormatException.class,
                () -> CatalogParser.parse("drugs.tsv", broken, LocalDate.of(2025, 1, 1), RULES));
    }

    @Test
    void the_content_hash_ignores_formatting_but_not_content() {
        String hash = CatalogParser.parse("drugs.tsv", text, LocalDate.of(2025, 1, 1), RULES)
                .contentHash();
        assertEquals(
                hash,
                CatalogParser.parse(
                                "drugs.tsv",
                                text.replace("\n", "\r\n") + "\n\n# comment\n",
                                LocalDate.of(2025, 1, 1),
                                RULES)
                        .contentHash());
        String changed = text.replaceFirst("(\n2\t欧狄沃\t[^\n]*?\t)false\t\t", "$1true\t2024\t");
        assertNotEquals(
                hash,
                CatalogParser.parse("drugs.tsv", changed, LocalDate.of(2025, 1, 1), RULES)
                        .contentHash());
        assertFalse(hash.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"D001, 1", "d188, 188", "42, 42", "D, -1", "X1, -1", "D12345, -1", ", -1"})
    void drug_ids_map_to_list_numbers(String id, int listNo) {
        assertEquals(listNo, CatalogEntry.listNoOf(id));
    }
}
