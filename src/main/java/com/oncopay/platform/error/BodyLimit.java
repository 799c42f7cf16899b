package com.oncopay.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.i18n.Messages;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Refuses request bodies over 1 MiB with 413 and a problem body, before anything reads
 * them. Bodies that announce their length are refused up front; chunked bodies are cut
 * by {@code quarkus.http.limits.max-body-size}, which this filter gives a problem body too.
 */
@ApplicationScoped
public class BodyLimit {
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public BodyLimit(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n > MAX_BODY_BYTES) {
                reject(ctx);
                return;
            }
        }
        ctx.addHeadersEndHandler(v -> {
            // Quarkus' own limit (chunked bodies) answers 413 with an empty body: give it ours.
            if (ctx.response().getStatusCode() == 413
                    && ctx.response().headers().get(HttpHeaders.CONTENT_TYPE) == null) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            }
        });
        ctx.next();
    }

    private void reject(RoutingContext ctx) {
        Locale locale = Messages.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String body;
        try {
            body = mapper.writeValueAsString(
                    ProblemResponses.body(locale, new ProblemException(413, "BODY_TOO_LARGE", MAX_BODY_BYTES)));
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"BODY_TOO_LARGE\"}";
        }
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
