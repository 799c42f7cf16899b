package com.oncopay.coverage.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * China's 18-character resident identity number (GB 11643): 6-digit area code, 8-digit
 * birth date, 3-digit sequence and a check character by ISO 7064 MOD 11-2.
 */
public final class ResidentId {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Why a number is not a valid resident id. */
    public enum Defect {
        FORMAT,
        CHECK_DIGIT,
        BIRTH_DATE
    }

    private ResidentId() {}

    /**
     * The check character of the first 17 characters of a number.
     *
     * @throws IllegalArgumentException unless {@code first17} is 17 ASCII digits (found by fuzzing, #21: other
     *     text failed with an index out of bounds, or a negative digit weight)
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || !first17.matches("[0-9]{17}"))
            throw new IllegalArgumentException("the first 17 characters of a resident id are digits");
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return CHECK[sum % 11];
    }

    /** The defect of {@code id}, empty when it is valid and agrees with {@code birthDate} (if given). */
    public static Optional<Defect> check(String id, LocalDate birthDate) {
        if (id == null || !id.matches("[0-9]{17}[0-9Xx]")) return Optional.of(Defect.FORMAT);
        if (Character.toUpperCase(id.charAt(17)) != checkCharacter(id.substring(0, 17)))
            return Optional.of(Defect.CHECK_DIGIT);
        LocalDate born;
        try {
            born = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return Optional.of(Defect.BIRTH_DATE);
        }
        if (birthDate != null && !born.equals(birthDate)) return Optional.of(Defect.BIRTH_DATE);
        return Optional.empty();
    }

    /** Canonical form: upper-case check character. */
    public static String canonical(String id) {
        return id == null ? null : id.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
