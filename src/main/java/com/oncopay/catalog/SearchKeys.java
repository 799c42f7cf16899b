package com.oncopay.catalog;

import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.util.PinyinHelper;
import java.util.Locale;

/**
 * Pinyin search keys of drug names (via the houbb/pinyin library, which resolves
 * polyphonic characters by phrase): initials ({@code 可瑞达 → krd}) and full syllables
 * without tones ({@code keruida}). Brand and generic name are joined with {@code |}.
 */
final class SearchKeys {
    private SearchKeys() {}

    static String initials(String... names) {
        return join(PinyinStyleEnum.FIRST_LETTER, names);
    }

    static String full(String... names) {
        return join(PinyinStyleEnum.NORMAL, names);
    }

    private static String join(PinyinStyleEnum style, String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (n == null || n.isBlank() || n.equals("/")) continue;
            if (!sb.isEmpty()) sb.append('|');
            sb.append(
                    PinyinHelper.toPinyin(n, style, "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        }
        return sb.toString();
    }
}
