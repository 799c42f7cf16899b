package com.oncopay.platform.web;

import com.oncopay.platform.error.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Strict parsing of query parameters into 400 problems naming the parameter (JAX-RS would
 * answer a badly converted query parameter with 404).
 */
public final class Params {
    private Params() {}

    public static Integer integer(String name, String value, int min, int max, Integer defaultValue) {
        if (value == null || value.isBlank()) return defaultValue;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) return n;
            throw invalid(name, "OUT_OF_RANGE", "PARAM_BETWEEN", min, max);
        } catch (NumberFormatException e) {
            throw invalid(name, "WRONG_TYPE", "PARAM_INTEGER");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "WRONG_TYPE", "PARAM_BOOLEAN");
        };
    }

    /** A date YYYY-MM-DD between 1900 and 2100; {@code defaultValue} when absent. */
    public static LocalDate date(String name, String value, LocalDate defaultValue) {
        if (value == null || value.isBlank()) {
            if (defaultValue != null) return defaultValue;
            throw invalid(name, "REQUIRED", "PARAM_DATE");
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.getYear() >= 1900 && d.getYear() <= 2100) return d;
            throw invalid(name, "OUT_OF_RANGE", "PARAM_DATE_YEARS");
        } catch (DateTimeParseException e) {
            throw invalid(name, "WRONG_TYPE", "PARAM_DATE");
        }
    }

    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) return null;
        if (value.length() > maxLength) throw invalid(name, "OUT_OF_RANGE", "PARAM_MAX_LENGTH", maxLength);
        return value.strip();
    }

    /** A 400 naming the parameter; its message is {@code messageKey} of the message files, in the caller's language. */
    public static ProblemException invalid(String name, String code, String messageKey, Object... args) {
        return new ProblemException.InvalidParameter(name, code, messageKey, args);
    }
}
