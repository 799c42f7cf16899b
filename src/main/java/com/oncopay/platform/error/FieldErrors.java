package com.oncopay.platform.error;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors so that a request reports all of them at once. */
public final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String code, String message) {
        errors.add(new Problem.FieldError(field, code, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** 400 VALIDATION_FAILED listing every error, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
    }

    /**
     * A time a caller reports (delivered at, received at): not more than 5 minutes ahead of {@code now} (clock
     * skew) and not before 1900; 400 on {@code field} otherwise.
     */
    public static java.time.OffsetDateTime notInFuture(
            String field, java.time.OffsetDateTime at, java.time.OffsetDateTime now) {
        if (at.isAfter(now.plusMinutes(5)) || at.getYear() < 1900)
            new FieldErrors().add(field, "INVALID", "not in the future").throwIfAny();
        return at;
    }

    /** A date field between 1900 and 2100 (the contract's sane range). */
    public FieldErrors date(String field, java.time.LocalDate value) {
        if (value != null && (value.getYear() < 1900 || value.getYear() > 2100))
            add(field, "OUT_OF_RANGE", "1900-01-01..2100-12-31");
        return this;
    }
}
