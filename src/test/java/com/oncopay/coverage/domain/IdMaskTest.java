package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdMaskTest {
    static final long MILLION = 1_000_000;

    @ParameterizedTest(name = "{0} {1}, birth date shown {2} → {3}")
    @CsvSource({
        "RESIDENT_ID, 110105196804120316, false, **************0316",
        "RESIDENT_ID, 110105196804120316, true,  ******************",
        "RESIDENT_ID, 11010519491231002X, false, **************002X",
        "HK_MACAO_PERMIT, H12345678, false, ********78", // 9 places: 2 shown, 7 hidden
        "HK_MACAO_PERMIT, H1234567890, false, ********7890",
        "TAIWAN_PERMIT, 12345678, false, ********8",
        "PASSPORT, E12345678, false, ********78",
        "PASSPORT, E12345678, true, ********",
        "FOREIGN_PERMANENT_RESIDENT, USA123456789012, false, ********9012",
        "PASSPORT, AB123, false, ********"
    }) // a short number shows nothing, not even its length
    void masks(String type, String id, boolean birthDateShown, String masked) {
        assertEquals(masked, IdMask.mask(id, type.equals("RESIDENT_ID"), birthDateShown));
    }

    @ParameterizedTest(name = "{0} {1}, birth date {2}")
    @CsvSource({
        "RESIDENT_ID, 110105196804120316, 1968-04-12",
        "RESIDENT_ID, 11010519491231002X, 1949-12-31",
        "HK_MACAO_PERMIT, H12345678, 1980-01-01",
        "HK_MACAO_PERMIT, M1234567890, 1980-01-01",
        "TAIWAN_PERMIT, 12345678, 1980-01-01",
        "PASSPORT, E12345678, 1980-01-01",
        "FOREIGN_PERMANENT_RESIDENT, USA123456789012, 1980-01-01"
    })
    void what_is_shown_leaves_at_least_a_million_candidates_whether_or_not_the_birth_date_is_beside_it(
            String type, String id, String birth) {
        boolean resident = type.equals("RESIDENT_ID");
        assertTrue(
                IdCandidates.count(type, IdMask.mask(id, resident, false), null, MILLION) >= MILLION, "masked alone");
        assertTrue(
                IdCandidates.count(type, IdMask.mask(id, resident, true), LocalDate.parse(birth), MILLION) >= MILLION,
                "with the birth date");
    }

    @Test
    void the_enumeration_catches_the_old_mask() {
        // first 4 and last 4 beside the birth date: only places 5-6 unknown, and the check character leaves 9
        assertEquals(
                9, IdCandidates.count("RESIDENT_ID", "1101**********0316", LocalDate.parse("1968-04-12"), MILLION));
        // and even without it: 100 choices of places 5-6 times the possible birth dates, over 11 → about 420,000
        assertTrue(IdCandidates.count("RESIDENT_ID", "1101**********0316", null, MILLION) < MILLION);
    }
}
