package com.oncopay.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogEntryTest {
    @ParameterizedTest
    @CsvSource({"1, D001", "9, D009", "10, D010", "99, D099", "100, D100", "188, D188", "1000, D1000"})
    void drug_ids_are_the_list_number_padded_to_three_digits(int listNo, String id) {
        assertEquals(id, CatalogEntry.drugId(listNo));
    }

    @ParameterizedTest
    @CsvSource({"D001, D001", "d1, D001", "1, D001", "D12, D012", "D188, D188", "X1, X1", "D0, D0"})
    void canonical_drug_ids(String given, String canonical) {
        assertEquals(canonical, CatalogEntry.canonicalDrugId(given));
    }
}
