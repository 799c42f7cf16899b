package com.oncopay.platform.error;

import java.util.List;
import java.util.Map;

/**
 * The one exception the application throws for an expected failure. It carries the
 * stable error code, the HTTP status and the arguments of the localised message; the
 * {@link ProblemMappers} turn it into a problem+json response in the caller's language.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final Object[] args;
    private final List<Problem.FieldError> errors;
    private final List<Problem.Reason> reasons;
    private final Map<String, String> headers;
    private final List<String> missing;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), List.of(), Map.of(), args);
    }

    public ProblemException(
            int status,
            String code,
            List<Problem.FieldError> errors,
            List<Problem.Reason> reasons,
            Map<String, String> headers,
            Object... args) {
        this(status, code, errors, reasons, headers, List.of(), args);
    }

    /** With the items whose absence is refused ({@code missing} in the body). */
    public ProblemException(
            int status,
            String code,
            List<Problem.FieldError> errors,
            List<Problem.Reason> reasons,
            Map<String, String> headers,
            List<String> missing,
            Object... args) {
        super(code, null, false, false); // no stack trace: these are expected outcomes
        this.missing = List.copyOf(missing);
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = List.copyOf(errors);
        this.reasons = List.copyOf(reasons);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException notFound() {
        return new ProblemException(404, "NOT_FOUND");
    }

    /**
     * An object-level check refused the caller: answered exactly like {@link #notFound()}, and
     * audited as a denied probe (who, what role, which path) by the exception mapper.
     */
    public static final class Denied extends ProblemException {
        private final String subject;
        private final String role;

        public Denied(String subject, String role) {
            super(404, "NOT_FOUND");
            this.subject = subject;
            this.role = role;
        }

        public String subject() {
            return subject;
        }

        public String role() {
            return role;
        }
    }

    /**
     * A query or path parameter that is invalid: its message is the localised {@code messageKey} with {@code args},
     * written in the caller's language when the response is built (as body errors are).
     */
    public static final class InvalidParameter extends ProblemException {
        private final String field;
        private final String fieldCode;
        private final String messageKey;
        private final Object[] messageArgs;

        public InvalidParameter(String field, String fieldCode, String messageKey, Object... messageArgs) {
            super(400, "VALIDATION_FAILED", List.of(), List.of(), Map.of(), 1);
            this.field = field;
            this.fieldCode = fieldCode;
            this.messageKey = messageKey;
            this.messageArgs = messageArgs;
        }

        public Problem.FieldError error(java.util.Locale locale) {
            return new Problem.FieldError(
                    field, fieldCode, com.oncopay.platform.i18n.Messages.detail(locale, messageKey, messageArgs));
        }
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        return new ProblemException(400, "VALIDATION_FAILED", errors, List.of(), Map.of(), errors.size());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public List<Problem.Reason> reasons() {
        return reasons;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<String> missing() {
        return missing;
    }
}
