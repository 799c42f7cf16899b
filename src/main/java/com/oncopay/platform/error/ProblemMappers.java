package com.oncopay.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.oncopay.platform.i18n.Messages;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses: every error is an
 * {@code application/problem+json} body with a stable {@code code}, localised from
 * {@code Accept-Language}. Unexpected exceptions are logged with an incident id and
 * answered with a generic 500 that reveals nothing about the internals.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final com.oncopay.platform.health.Degraded DB_DOWN =
            new com.oncopay.platform.health.Degraded(ProblemMappers.class);
    private static final com.oncopay.platform.health.Degraded POOL_BUSY =
            new com.oncopay.platform.health.Degraded(ProblemMappers.class);

    @jakarta.inject.Inject
    com.oncopay.platform.config.PlatformConfig config;

    @jakarta.inject.Inject
    com.oncopay.platform.audit.ReadAudit readAudit;

    @jakarta.inject.Inject
    com.oncopay.platform.db.DatabaseHeartbeat databaseHeartbeat;

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, HttpHeaders headers, io.vertx.core.http.HttpServerRequest request) {
        if (e instanceof ProblemException.Denied denied) {
            readAudit.record(new com.oncopay.platform.audit.AuditEntry(
                    denied.subject(),
                    denied.role(),
                    "ACCESS_DENIED",
                    "request",
                    request.method().name() + " " + request.path(),
                    Map.of()));
        }
        return problem(e, headers);
    }

    /** The one place where a domain refusal gets its HTTP status. */
    @ServerExceptionMapper
    public Response refused(com.oncopay.platform.domain.Refused e, HttpHeaders headers) {
        return problem(toProblem(e), headers);
    }

    public static ProblemException toProblem(com.oncopay.platform.domain.Refused e) {
        int status = switch (e.kind()) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case RULE -> 422;
        };
        return e.missingItems().isEmpty()
                ? new ProblemException(status, e.code(), e.args())
                : new ProblemException(status, e.code(), List.of(), List.of(), Map.of(), e.missingItems(), e.args());
    }

    public Response problem(ProblemException e, HttpHeaders headers) {
        return ProblemResponses.of(locale(headers), e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpHeaders headers) {
        return problem(InputProblems.of(e, locale(headers)), headers);
    }

    // Listed one by one: Quarkus' built-in mappers for the specific Jackson types would win otherwise.
    @ServerExceptionMapper({
        JsonProcessingException.class,
        com.fasterxml.jackson.core.JsonParseException.class,
        StreamReadException.class,
        JsonMappingException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        ValueInstantiationException.class,
        com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class,
        com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class,
        com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class,
        com.fasterxml.jackson.databind.exc.InvalidNullException.class
    })
    public Response json(JsonProcessingException e, HttpHeaders headers) {
        return problem(InputProblems.of(e, locale(headers)), headers);
    }

    /**
     * A body whose bytes are not text in the encoding Jackson detected (a body that starts with NUL bytes is read
     * as UTF-32 and may hold no valid character): malformed JSON, not a failure of the engine. Found by fuzzing
     * the redemption body (RedemptionBodyFuzzTestInputs/redeem/crash-7f12…).
     */
    @ServerExceptionMapper
    public Response undecodable(java.io.CharConversionException e, HttpHeaders headers) {
        return problem(new ProblemException(400, "MALFORMED_JSON", 0, 0), headers);
    }

    @ServerExceptionMapper({
        UnauthorizedException.class,
        AuthenticationFailedException.class,
        AuthenticationCompletionException.class
    })
    public Response unauthenticated(RuntimeException e, HttpHeaders headers) {
        return problem(
                new ProblemException(
                        401, "UNAUTHENTICATED", List.of(), List.of(), Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")),
                headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers) {
        return problem(new ProblemException(403, "FORBIDDEN"), headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, headers);
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        if (status >= 500) {
            return unexpected(e, headers);
        }
        Object[] args = status == 413 ? new Object[] {BodyLimit.MAX_BODY_BYTES} : new Object[0];
        return problem(new ProblemException(status, code, args), headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        if (e instanceof ProblemException p) return problem(p, headers);
        if (e instanceof com.oncopay.platform.domain.Refused r) return refused(r, headers);
        if (com.oncopay.platform.db.DatabaseUnavailable.is(e))
            return com.oncopay.platform.db.DatabaseUnavailable.waitedForConnection(e) && databaseHeartbeat.answering()
                    ? engineBusy(headers)
                    : databaseUnavailable(e, headers);
        String incident = com.oncopay.platform.tracing.TraceIds.current()
                .orElseGet(() -> UUID.randomUUID().toString());
        // Only the exception type and message: request bodies (identity numbers, diagnoses) are never logged.
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return problem(
                new ProblemException(
                        500,
                        "INTERNAL_ERROR",
                        List.of(),
                        List.of(),
                        Map.of(ProblemResponses.INCIDENT_HEADER, incident)),
                headers);
    }

    /**
     * PostgreSQL unreachable, starting, or no connection within the acquisition timeout: 503 with
     * {@code Retry-After}, so that a client can tell "retry later" from a bug; one WARN line a minute, no stack.
     */
    private Response databaseUnavailable(Throwable e, HttpHeaders headers) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        DB_DOWN.warn(
                "PostgreSQL unavailable (%s: %s): requests that need it are answered 503 DATABASE_UNAVAILABLE "
                        + "(this line at most once a minute)",
                root.getClass().getSimpleName(), root.getMessage());
        String seconds = Integer.toString(config.db().retryAfterSeconds());
        return problem(
                new ProblemException(
                        503, "DATABASE_UNAVAILABLE", List.of(), List.of(), Map.of(HttpHeaders.RETRY_AFTER, seconds)),
                headers);
    }

    /**
     * No connection within the acquisition timeout while PostgreSQL answers ({@link
     * com.oncopay.platform.db.DatabaseHeartbeat}): the engine has more requests than connections.
     * 503 {@code ENGINE_BUSY} with a short {@code Retry-After}, so that neither a client nor the person on call looks
     * for a database outage that is not there; one WARN line a minute.
     */
    private Response engineBusy(HttpHeaders headers) {
        POOL_BUSY.warn(
                "Every PostgreSQL connection busy (oncopay.db.acquire-timeout %s passed while the database kept answering):"
                        + " requests answered 503 ENGINE_BUSY (this line at most once a minute)",
                config.db().acquireTimeout());
        String seconds = Integer.toString(config.db().busyRetryAfterSeconds());
        return problem(
                new ProblemException(
                        503, "ENGINE_BUSY", List.of(), List.of(), Map.of(HttpHeaders.RETRY_AFTER, seconds)),
                headers);
    }

    static Locale locale(HttpHeaders headers) {
        try {
            return Messages.negotiate(headers == null ? List.of() : headers.getAcceptableLanguages());
        } catch (RuntimeException malformedHeader) {
            return Messages.CHINESE;
        }
    }
}
