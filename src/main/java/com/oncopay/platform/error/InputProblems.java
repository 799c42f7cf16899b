package com.oncopay.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.oncopay.platform.i18n.Messages;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A request body or parameter that could not be read or failed validation, as a 400 with each field's problem. */
final class InputProblems {
    private InputProblems() {}

    private static final java.util.regex.Pattern DUPLICATE =
            java.util.regex.Pattern.compile("Duplicate field '([^']{1,100})'");

    static ProblemException of(ConstraintViolationException e, Locale locale) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldErrorDraft(fieldPath(v.getPropertyPath()), codeOf(v), v))
                .sorted(Comparator.comparing(FieldErrorDraft::field))
                .map(d -> new Problem.FieldError(d.field(), d.code(), fieldMessage(locale, d)))
                .toList();
        return ProblemException.validation(errors);
    }

    static ProblemException of(JsonProcessingException e, Locale locale) {
        if (e instanceof StreamReadException parse && !(e instanceof JsonMappingException)) {
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(parse.getOriginalMessage()));
            if (duplicate.find()) {
                return ProblemException.validation(List.of(new Problem.FieldError(
                        duplicate.group(1), "DUPLICATE_FIELD", Messages.title(locale, "DUPLICATE_FIELD"))));
            }
            var loc = parse.getLocation();
            return new ProblemException(
                    400, "MALFORMED_JSON", loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        }
        if (e instanceof JsonMappingException mapping) {
            String field = jsonPath(mapping.getPath());
            Problem.FieldError error;
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                error = new Problem.FieldError(field, "UNKNOWN_FIELD", Messages.title(locale, "UNKNOWN_FIELD"));
            } else if (e instanceof InvalidFormatException invalid
                    && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                        .map(Object::toString)
                        .collect(Collectors.joining(", "));
                error = new Problem.FieldError(
                        field, "UNKNOWN_VALUE", Messages.detail(locale, "UNKNOWN_VALUE", allowed));
            } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                error = new Problem.FieldError(
                        field, "WRONG_TYPE", Messages.detail(locale, "WRONG_TYPE", typeName(mismatch.getTargetType())));
            } else if (e instanceof ValueInstantiationException) {
                error = new Problem.FieldError(field, "INVALID", Messages.title(locale, "INVALID"));
            } else if (mapping.getProcessor() == null && mapping.getPath().isEmpty()) {
                // no location at all: the body could not be read as JSON
                return new ProblemException(400, "MALFORMED_JSON", 0, 0);
            } else {
                error = new Problem.FieldError(field, "INVALID", Messages.title(locale, "INVALID"));
            }
            return ProblemException.validation(List.of(error));
        }
        return new ProblemException(400, "MALFORMED_JSON", 0, 0);
    }

    private record FieldErrorDraft(String field, String code, ConstraintViolation<?> violation) {}

    private static String fieldMessage(Locale locale, FieldErrorDraft d) {
        return Messages.title(locale, d.code());
    }

    static String codeOf(ConstraintViolation<?> v) {
        String annotation =
                v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
            case "Min",
                    "Max",
                    "Positive",
                    "PositiveOrZero",
                    "Negative",
                    "NegativeOrZero",
                    "DecimalMin",
                    "DecimalMax",
                    "Size",
                    "Range",
                    "Past",
                    "Future",
                    "PastOrPresent",
                    "FutureOrPresent" -> "OUT_OF_RANGE";
            default -> "INVALID";
        };
    }

    /** The JSON path of a violation, without the method and parameter nodes: {@code member.idNumber}, {@code ratios[0].percent}. */
    static String fieldPath(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) parameter = node.getName();
            if (node.getKind() == ElementKind.METHOD
                    || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getName() == null) continue;
            if (!sb.isEmpty()) sb.append('.');
            sb.append(node.getName());
            if (node.getIndex() != null) sb.append('[').append(node.getIndex()).append(']');
        }
        if (!sb.isEmpty()) return sb.toString();
        return parameter == null || parameter.startsWith("arg") ? "body" : parameter;
    }

    static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == Long.class
                || type == long.class
                || type == Integer.class
                || type == int.class
                || type == Short.class
                || type == short.class) return "integer";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (type == String.class) return "string";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "date";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "array";
        if (type.isEnum()) return "enum";
        if (Number.class.isAssignableFrom(type)) return "number";
        return "object";
    }
}
