package com.oncopay.platform.domain;

import java.util.List;

/**
 * A rule said no: the stable error code of API.md, what kind of no it is, and the arguments of
 * the localised message. Domain code and use cases fail with it; they know nothing of HTTP. The resources' exception mapper
 * ({@code platform.error.ProblemMappers}) gives each {@link Kind} its status, in one place.
 */
public final class Refused extends RuntimeException {
    /** What kind of refusal: the mapper turns each into one HTTP status. */
    public enum Kind {
        /** The caller may not do this at all (403). */
        FORBIDDEN,
        /** No such object, or not one the caller may see (404). */
        NOT_FOUND,
        /** The object's state does not allow it now (409). */
        CONFLICT,
        /** It existed but is gone for good (410). */
        GONE,
        /** Understood, but a business rule refuses it (422). */
        RULE
    }

    private final Kind kind;
    private final String code;
    private final Object[] args;
    private final List<String> missing;

    private Refused(Kind kind, String code, List<String> missing, Object... args) {
        super(code, null, false, false); // expected outcomes: no stack trace
        this.kind = kind;
        this.code = code;
        this.args = args;
        this.missing = List.copyOf(missing);
    }

    public static Refused of(Kind kind, String code, Object... args) {
        return new Refused(kind, code, List.of(), args);
    }

    /** A rule refused because items are missing: answered 422 with them listed ({@code missing}), and as {0} of the message. */
    public static Refused missing(String code, List<String> items) {
        return new Refused(Kind.RULE, code, items, String.join(", ", items));
    }

    public static Refused notFound() {
        return of(Kind.NOT_FOUND, "NOT_FOUND");
    }

    public static Refused conflict(String code, Object... args) {
        return of(Kind.CONFLICT, code, args);
    }

    public static Refused rule(String code, Object... args) {
        return of(Kind.RULE, code, args);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    /** The missing items of {@link #missing(String, List)}; empty otherwise. */
    public List<String> missingItems() {
        return missing;
    }
}
