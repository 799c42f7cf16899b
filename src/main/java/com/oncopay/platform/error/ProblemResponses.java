package com.oncopay.platform.error;

import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.tracing.TraceIds;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;

/** Builds the problem+json response for a {@link ProblemException} in a language. */
public final class ProblemResponses {
    /** The 500's incident id: the trace id when the request is traced, so that one id finds the log line and the trace. */
    public static final String INCIDENT_HEADER = "X-Incident-Id";

    private ProblemResponses() {}

    public static Problem body(Locale locale, ProblemException e) {
        String traceId = TraceIds.current().orElse(null);
        return new Problem(
                "urn:oncopay:problem:" + e.code(),
                Messages.title(locale, e.code()),
                e.status(),
                Messages.detail(locale, e.code(), e.args()),
                e.code(),
                e instanceof ProblemException.InvalidParameter p ? java.util.List.of(p.error(locale)) : e.errors(),
                e.reasons(),
                e.missing(),
                traceId,
                traceId != null
                        ? null
                        : e.headers()
                                .getOrDefault(INCIDENT_HEADER, UUID.randomUUID().toString()));
    }

    public static Response of(Locale locale, ProblemException e) {
        Response.ResponseBuilder b = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .header("Content-Language", locale.toLanguageTag())
                .entity(body(locale, e));
        e.headers().forEach(b::header);
        return b.build();
    }
}
