package com.oncopay.coverage.domain;

/**
 * How an identity number is shown: masked, so that nothing in a response narrows it to fewer than a
 * million candidates. At most the last 4 characters are shown, and only while at least 7 stay
 * hidden (a 9-character permit shows 2). A resident ID keeps its 18 places; every other kind is
 * shown behind 8 stars, so that a short number's length does not give it away. Shown beside the
 * birth date (which a resident ID contains), nothing of the number is shown. Computed on read from
 * the encrypted number; no masked copy is stored.
 */
public final class IdMask {
    public static final int MOST_SHOWN = 4;
    public static final int LEAST_HIDDEN = 7;
    public static final int STARS_OF_OTHER_KINDS = 8;

    private IdMask() {}

    public static String mask(String idNumber, boolean residentId, boolean birthDateShown) {
        if (idNumber == null) return null;
        int n = idNumber.length();
        int shown = birthDateShown ? 0 : Math.max(0, Math.min(MOST_SHOWN, n - LEAST_HIDDEN));
        int stars = residentId ? n - shown : STARS_OF_OTHER_KINDS;
        return "*".repeat(stars) + idNumber.substring(n - shown);
    }
}
