package com.oncopay.coverage.domain;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

/**
 * Counts, by enumerating them, the identity numbers that agree with what a response shows: the
 * masked number and, if shown, the birth date. It stops at {@code limit}. An attacker is assumed to
 * know each kind's format (the narrowest alphabet per position, the resident ID's region digit,
 * birth date and check character), so the count is a floor.
 */
public final class IdCandidates {
    private IdCandidates() {}

    static final String DIGITS = "0123456789";
    static final LocalDate OLDEST = LocalDate.of(1900, 1, 1), YOUNGEST = LocalDate.of(2026, 12, 31);
    /** Every possible birth date as yyyymmdd. */
    static final BitSet BIRTH_DATES = new BitSet();

    static {
        for (LocalDate d = OLDEST; !d.isAfter(YOUNGEST); d = d.plusDays(1)) {
            BIRTH_DATES.set(d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth());
        }
    }

    /** The formats of each kind other than the resident ID, as an alphabet per position. */
    static List<String[]> formats(String idType) {
        return switch (idType) {
            case "HK_MACAO_PERMIT" -> List.<String[]>of(format("HM", 1, DIGITS, 8), format("HM", 1, DIGITS, 10));
            case "TAIWAN_PERMIT" -> List.<String[]>of(format(DIGITS, 8, "", 0), format(DIGITS, 10, "", 0));
            case "PASSPORT" -> List.<String[]>of(format("EG", 1, DIGITS, 8));
            case "FOREIGN_PERMANENT_RESIDENT" -> List.<String[]>of(format("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, DIGITS, 12));
            default -> throw new IllegalArgumentException(idType);
        };
    }

    private static String[] format(String first, int firstCount, String rest, int restCount) {
        String[] f = new String[firstCount + restCount];
        for (int i = 0; i < f.length; i++) f[i] = i < firstCount ? first : rest;
        return f;
    }

    public static long count(String idType, String masked, LocalDate birthDate, long limit) {
        String shown = masked.replaceFirst("^\\*+", "");
        if ("RESIDENT_ID".equals(idType)) {
            if (masked.length() != 18) return limit; // a resident ID is always 18 places
            char[] id = new char[18];
            return resident(id, 0, masked, birthDate, limit, 0);
        }
        long total = 0;
        for (String[] f : formats(idType)) {
            if (f.length < shown.length()) continue;
            // the stars do not give the length away: every format's length is possible
            char[] id = new char[f.length];
            total += other(id, 0, f, shown, limit - total);
            if (total >= limit) return limit;
        }
        return total;
    }

    private static long other(char[] id, int pos, String[] format, String shown, long limit) {
        if (pos == id.length) return 1;
        int shownFrom = id.length - shown.length();
        String alphabet = pos >= shownFrom ? String.valueOf(shown.charAt(pos - shownFrom)) : format[pos];
        if (pos >= shownFrom && format[pos].indexOf(alphabet.charAt(0)) < 0) return 0;
        long n = 0;
        for (int i = 0; i < alphabet.length() && n < limit; i++) {
            id[pos] = alphabet.charAt(i);
            n += other(id, pos + 1, format, shown, limit - n);
        }
        return n;
    }

    private static long resident(char[] id, int pos, String masked, LocalDate birthDate, long limit, long found) {
        if (pos == 18) {
            return ResidentId.checkCharacter(new String(id, 0, 17)) == id[17] ? 1 : 0;
        }
        String alphabet = masked.charAt(pos) != '*'
                ? String.valueOf(masked.charAt(pos))
                : pos == 0 ? "12345678" : pos == 17 ? DIGITS + "X" : DIGITS;
        if (birthDate != null && pos >= 6 && pos <= 13) {
            alphabet = String.valueOf(birthDate.toString().replace("-", "").charAt(pos - 6));
        }
        long n = 0;
        for (int i = 0; i < alphabet.length() && found + n < limit; i++) {
            id[pos] = alphabet.charAt(i);
            if (!datePrefixPossible(id, pos)) continue;
            n += resident(id, pos + 1, masked, birthDate, limit, found + n);
        }
        return n;
    }

    /** Prunes on the birth date digits (places 7-14): century, month, day, and the whole date. */
    private static boolean datePrefixPossible(char[] id, int pos) {
        if (pos == 7) return (id[6] == '1' && id[7] == '9') || (id[6] == '2' && id[7] == '0');
        if (pos == 10) return id[10] <= '1';
        if (pos == 11) return month(id) >= 1 && month(id) <= 12;
        if (pos == 12) return id[12] <= '3';
        if (pos == 13) {
            int yyyymmdd = 0;
            for (int i = 6; i <= 13; i++) yyyymmdd = yyyymmdd * 10 + (id[i] - '0');
            return BIRTH_DATES.get(yyyymmdd);
        }
        return true;
    }

    private static int month(char[] id) {
        return (id[10] - '0') * 10 + (id[11] - '0');
    }
}
