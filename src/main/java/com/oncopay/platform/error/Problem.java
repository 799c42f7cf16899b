package com.oncopay.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem body with the contract's stable {@code code}, plus optional field errors, decision reasons
 * and missing items, and what support needs to find the request: its {@code traceId} (the OpenTelemetry
 * trace, also on every log line of the request), or an {@code incidentId} when it was not traced.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        List<Reason> reasons,
        List<String> missing,
        String traceId,
        String incidentId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field: {@code field} is the JSON path, {@code code} a stable UPPER_SNAKE code. */
    public record FieldError(String field, String code, String message) {}

    /** One reason a decision failed. */
    public record Reason(String code, String message) {}
}
