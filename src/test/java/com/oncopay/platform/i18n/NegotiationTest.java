package com.oncopay.platform.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegotiationTest {
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                       | zh",
                "''                         | zh",
                "'   '                      | zh",
                "en                         | en",
                "EN-us                      | en",
                "en-GB,en;q=0.9             | en",
                "zh-CN,zh;q=0.9,en;q=0.8    | zh",
                "fr-FR,en;q=0.8,zh;q=0.5    | en",
                "en;q=0.1,zh;q=0.9          | zh",
                "fr                         | zh",
                "*                          | zh",
                "en;q=nonsense              | zh",
                "en;q=2                     | zh"
            })
    void the_answer_language_from_an_accept_language_header(String header, String language) {
        assertEquals(language, Messages.negotiate(header).getLanguage());
        // the second time comes from the kept answers: the same
        assertEquals(language, Messages.negotiate(header).getLanguage());
    }

    @Test
    void a_long_header_or_many_different_ones_are_still_negotiated_each_time() {
        String longHeader = "fr;q=0.9,".repeat(40) + "en;q=0.5";
        assertEquals(Locale.ENGLISH, Messages.negotiate(longHeader));
        assertEquals(Locale.ENGLISH, Messages.negotiate(longHeader));
        for (int i = 0; i < 200; i++)
            assertEquals(
                    i % 2 == 0 ? Locale.ENGLISH : Messages.CHINESE,
                    Messages.negotiate((i % 2 == 0 ? "en" : "zh") + ";q=0." + (i % 10 + 1) + ",fr-x-" + i + ";q=0.01"),
                    "header " + i);
    }

    @Test
    void the_header_parse_and_the_list_parse_agree() {
        for (String header : new String[] {"en", "zh-CN,en;q=0.5", "de,en;q=0.3", "fr"})
            assertEquals(Messages.negotiate(Messages.acceptable(header)), Messages.negotiate(header), header);
    }
}
