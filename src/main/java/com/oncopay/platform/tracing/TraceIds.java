package com.oncopay.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/** The trace the current request runs in: what support asks for (problem bodies, log lines). */
public final class TraceIds {
    private TraceIds() {}

    /** The current trace id (32 hex digits), if the request is traced. */
    public static Optional<String> current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }
}
