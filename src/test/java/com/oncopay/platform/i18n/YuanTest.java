package com.oncopay.platform.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YuanTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0          | ¥0.00",
                "1          | ¥0.01",
                "99         | ¥0.99",
                "100        | ¥1.00",
                "1254260    | ¥12,542.60",
                "-537540    | -¥5,375.40",
                "100000000  | ¥1,000,000.00"
            })
    void fen_read_as_yuan(long fen, String shown) {
        assertEquals(shown, Messages.yuan(fen));
    }
}
