package com.oncopay.fulfilment.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Single-use pickup codes (取药码): 15 Crockford base32 characters from a CSPRNG plus
 * Crockford's check symbol (the value mod 37), in groups of four ({@code 7KQ2-M9XD-4T0B-PR3C}).
 * 37 is prime and larger than the base, so every single mistyped character and every swap
 * of two neighbours changes the check and is caught before any lookup. Codes whose check
 * would be one of Crockford's extra symbols ({@code *~$=U}) are drawn again, so a code is
 * always typed from the 32 base characters (about 74.8 random bits remain). Reading is
 * forgiving as Crockford intends: case, hyphens and spaces are ignored, I/L read as 1, O as 0.
 */
public final class PickupCode {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final String CHECK_SYMBOLS = ALPHABET + "*~$=U";
    public static final int DATA_CHARS = 15;

    private PickupCode() {}

    public static String generate(RandomGenerator random) {
        while (true) {
            StringBuilder sb = new StringBuilder(DATA_CHARS + 1);
            for (int i = 0; i < DATA_CHARS; i++) sb.append(ALPHABET.charAt(random.nextInt(32)));
            char check = checkCharacter(sb);
            if (ALPHABET.indexOf(check) >= 0) return format(sb.append(check).toString());
        }
    }

    /**
     * A well-formed code drawn from {@code seed} alone, the same for the same seed: the start-up warm-up's made-up
     * pharmacy's code, which it writes only inside a rehearsal that is never committed.
     */
    public static String derived(String seed) {
        long bits = java.util
                .UUID
                .nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getMostSignificantBits();
        return generate(new java.util.SplittableRandom(bits));
    }

    /** The canonical 16 characters of a typed code, or empty when it is malformed or its check character is wrong. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) return Optional.empty();
        StringBuilder sb = new StringBuilder(16);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') continue;
            char m = switch (c) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> c;
            };
            if (CHECK_SYMBOLS.indexOf(m) < 0) return Optional.empty();
            sb.append(m);
        }
        if (sb.length() != DATA_CHARS + 1) return Optional.empty();
        // found by fuzzing (#21): a check character of the extra symbols (*~$=U) was read as a code, though no
        // code is ever issued with one (generate draws again): all 16 characters come from the 32 of the alphabet
        for (int i = 0; i <= DATA_CHARS; i++) if (ALPHABET.indexOf(sb.charAt(i)) < 0) return Optional.empty();
        if (checkCharacter(sb.subSequence(0, DATA_CHARS)) != sb.charAt(DATA_CHARS)) return Optional.empty();
        return Optional.of(sb.toString());
    }

    public static String format(String canonical) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < canonical.length(); i++) {
            if (i > 0 && i % 4 == 0) sb.append('-');
            sb.append(canonical.charAt(i));
        }
        return sb.toString();
    }

    /** Crockford's check symbol: the code's value (base 32) modulo 37. */
    static char checkCharacter(CharSequence data) {
        int mod = 0;
        for (int i = 0; i < data.length(); i++) mod = (mod * 32 + ALPHABET.indexOf(data.charAt(i))) % 37;
        return CHECK_SYMBOLS.charAt(mod);
    }
}
