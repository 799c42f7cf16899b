package com.oncopay.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchKeysTest {
    @ParameterizedTest
    @CsvSource({"可瑞达, krd, keruida", "万珂, wk, wanke", "千平, qp, qianping", "欧狄沃, odw, oudiwo"})
    void pinyin_initials_and_full_syllables(String name, String initials, String full) {
        assertEquals(initials, SearchKeys.initials(name));
        assertEquals(full, SearchKeys.full(name));
    }
}
