package com.oncopay.misuse.domain;

import java.util.regex.Pattern;

/**
 * A flag's or lift's reason goes into the audit log and the reviewer's view: it says why, in
 * words, and must not carry an identity number (a resident ID is 15 or 18 characters: digits,
 * the last perhaps X). Text with a run of 15 or more digits (or 17 and an X) is refused rather
 * than stored; spaces or hyphens between the digits do not hide them.
 */
public final class ReasonText {
    private static final Pattern ID_LIKE = Pattern.compile("[0-9]{15,}|[0-9]{17}[Xx]");

    private ReasonText() {}

    public static boolean carriesIdNumber(String text) {
        if (text == null) return false;
        return ID_LIKE.matcher(text.replaceAll("[\\s\\-]", "")).find();
    }
}
