package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * #21 item 11: the pickup-code reader on any typed text answers a canonical code or empty, never an
 * exception. What it accepts is 16 characters of the code alphabet with a right check character; the
 * grouped form of it reads back to the same code; and it is read only from what Crockford allows to be
 * typed (ASCII letters and digits, hyphens, spaces): no other character may turn into a code.
 */
class PickupCodeFuzzTest {
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({
        "-",
        " ",
        "I",
        "L",
        "O",
        "*",
        "~",
        "$",
        "=",
        "U",
        "\\xC3\\x9F",
        "\\xC4\\xB1",
        "\\xC5\\xBF",
        "7KQ2-M9XD-4T0B-PR3C"
    })
    void normalise(byte[] input) {
        String typed = new String(input, StandardCharsets.UTF_8);
        Optional<String> code = PickupCode.normalise(typed);
        if (code.isEmpty()) return;
        String c = code.get();
        assertEquals(PickupCode.DATA_CHARS + 1, c.length(), c);
        for (int i = 0; i < c.length(); i++)
            assertTrue(PickupCode.ALPHABET.indexOf(c.charAt(i)) >= 0, () -> "not of the alphabet: " + c);
        assertEquals(PickupCode.checkCharacter(c.substring(0, PickupCode.DATA_CHARS)), c.charAt(PickupCode.DATA_CHARS));
        assertEquals(code, PickupCode.normalise(PickupCode.format(c)));
        assertTrue(
                typed.chars().allMatch(ch -> ch == '-' || ch == ' ' || (ch < 128 && Character.isLetterOrDigit(ch))),
                () -> "accepted from characters no one types in a code: " + typed);
    }
}
