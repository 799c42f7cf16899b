package com.oncopay.platform.error;

import com.oncopay.platform.i18n.Messages;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** Builds the problem+json response for a {@link ProblemException} in a language. */
public final class ProblemResponses {
    private ProblemResponses() {}

    public static Problem body(Locale locale, ProblemException e) {
        return new Problem(
                "urn:oncopay:problem:" + e.code(),
                Messages.title(locale, e.code()),
                e.status(),
                Messages.detail(locale, e.code(), e.args()),
                e.code(),
                e instanceof ProblemException.InvalidParameter p ? java.util.List.of(p.error(locale)) : e.errors(),
                e.reasons(),
                e.missing());
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
