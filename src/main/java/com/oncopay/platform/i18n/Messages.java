package com.oncopay.platform.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Localised messages: Chinese by default, English when the caller prefers it
 * ({@code Accept-Language: en}). Keys are the stable codes; {@code CODE} is the title and
 * {@code CODE.detail} the detail pattern ({@link MessageFormat} arguments).
 */
public final class Messages {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private static final ResourceBundle.Control UTF8 =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** Headers longer than this, or past this many, are negotiated every time instead of kept. */
    private static final int KEPT_HEADER_LENGTH = 128, KEPT_HEADERS = 64;

    private static final java.util.concurrent.ConcurrentHashMap<String, Locale> BY_HEADER =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Messages() {}

    /** The language to answer in, from the caller's acceptable languages in preference order. */
    public static Locale negotiate(List<Locale> acceptable) {
        for (Locale l : acceptable) {
            if ("en".equals(l.getLanguage())) return ENGLISH;
            if ("zh".equals(l.getLanguage())) return CHINESE;
        }
        return CHINESE;
    }

    /**
     * The language to answer in, from an {@code Accept-Language} header as sent (absent, blank or malformed: Chinese).
     * The answers for short headers are kept, a few dozen at most: a client sends the same one on every request, and
     * parsing it was a list, a sort and a locale per request.
     */
    public static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) return CHINESE;
        Locale kept = BY_HEADER.get(acceptLanguage);
        if (kept != null) return kept;
        Locale locale = negotiate(acceptable(acceptLanguage));
        if (acceptLanguage.length() <= KEPT_HEADER_LENGTH && BY_HEADER.size() < KEPT_HEADERS)
            BY_HEADER.put(acceptLanguage, locale);
        return locale;
    }

    /** The languages an {@code Accept-Language} header accepts, most preferred first; none when it is malformed. */
    public static List<Locale> acceptable(String header) {
        if (header == null || header.isBlank()) return List.of();
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .map(r -> Locale.forLanguageTag(r.getRange()))
                    .toList();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    public static String title(Locale locale, String code) {
        return lookup(locale, code).orElse(code);
    }

    public static String detail(Locale locale, String code, Object... args) {
        String pattern = lookup(locale, code + ".detail").orElseGet(() -> title(locale, code));
        return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** An amount of integer fen as a person reads it: {@code ¥12,542.60}. */
    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return String.format(Locale.ROOT, "%s¥%,d.%02d", sign, abs / 100, abs % 100);
    }

    private static java.util.Optional<String> lookup(Locale locale, String key) {
        try {
            ResourceBundle bundle =
                    ResourceBundle.getBundle("i18n.messages", locale, Messages.class.getClassLoader(), UTF8);
            return bundle.containsKey(key) ? java.util.Optional.of(bundle.getString(key)) : java.util.Optional.empty();
        } catch (MissingResourceException e) {
            return java.util.Optional.empty();
        }
    }
}
