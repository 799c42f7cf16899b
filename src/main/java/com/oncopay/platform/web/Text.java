package com.oncopay.platform.web;

/**
 * Patterns for text fields of requests. Every free-text field is plain text: no angle brackets
 * (no markup can be stored, whatever a page later does with it) and no control characters.
 * Identifiers from outside systems have a strict alphabet of their own.
 */
public final class Text {
    private Text() {}

    /** Names, addresses, notes: any letters and punctuation but {@code < >}, no control characters. */
    public static final String PLAIN = "[^<>\\p{Cntrl}]*";

    /** Notes: as {@link #PLAIN}, and line breaks and tabs too. */
    public static final String PLAIN_LINES = "[^<>\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

    /** A carrier's waybill number: letters, digits and hyphens. */
    public static final String TRACKING_NO = "[0-9A-Za-z-]{4,40}";
}
