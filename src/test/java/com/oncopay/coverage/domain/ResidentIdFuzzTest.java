package com.oncopay.coverage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * #21 item 11: the resident-ID check (GB 11643) on any text answers a defect or none, never an
 * exception; the check character is computed only from 17 digits and refuses anything else with
 * IllegalArgumentException. Half of the inputs are 17 fuzzed digits with their right check character,
 * so that the fuzzer reaches the birth-date rules: such a number has no FORMAT or CHECK_DIGIT defect,
 * and it is valid exactly when its birth date is a real date.
 */
class ResidentIdFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void check(FuzzedDataProvider data) {
        boolean built = data.consumeBoolean();
        String id;
        if (built) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < 17; i++) digits.append((char) ('0' + data.consumeInt(0, 9)));
            id = digits + String.valueOf(ResidentId.checkCharacter(digits.toString()));
            if (data.consumeBoolean()) id = id.toLowerCase(java.util.Locale.ROOT);
        } else {
            id = data.consumeString(40);
        }
        LocalDate birth = data.consumeBoolean() ? LocalDate.ofEpochDay(data.consumeLong(-30_000, 30_000)) : null;
        Optional<ResidentId.Defect> defect = ResidentId.check(id, birth);
        String canonical = ResidentId.canonical(id);
        assertEquals(canonical, ResidentId.canonical(canonical));
        if (defect.isEmpty()) {
            assertTrue(id.matches("[0-9]{17}[0-9Xx]"), id);
            LocalDate born = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
            assertTrue(birth == null || birth.equals(born), id);
        }
        if (built) {
            assertNotEquals(Optional.of(ResidentId.Defect.FORMAT), defect, id);
            assertNotEquals(Optional.of(ResidentId.Defect.CHECK_DIGIT), defect, id);
        }
        String first17 = data.consumeRemainingAsString();
        if (first17.matches("[0-9]{17}")) {
            char c = ResidentId.checkCharacter(first17);
            assertTrue("10X98765432".indexOf(c) >= 0, first17);
        } else {
            assertThrows(IllegalArgumentException.class, () -> ResidentId.checkCharacter(first17), first17);
        }
    }
}
