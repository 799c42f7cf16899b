package com.oncopay.platform.security;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.resteasy.reactive.server.runtime.observability.ObservabilityIntegrationRecorder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

/**
 * Names a request's endpoint template for metrics and traces only when its authentication fails, not on every
 * request (#22).
 *
 * <p>With lazy authentication ({@code quarkus.http.auth.proactive=false}), Quarkus REST installs a filter right
 * after the authentication handler (priority 199) that swaps the default authentication-failure handler for
 * one that fails the request, so that exception mappers answer. With metrics or tracing present, that filter
 * also works out the endpoint's template ({@code /api/v1/members/{memberId}/eligibility}) before anything has
 * failed. It builds a new {@code RequestMapper} of every resource class each time. On a cached eligibility check
 * that was 16% of what the request allocated and 6% of the engine's CPU (async-profiler, 2026-12-04). A request
 * that passes authentication gets its template from Quarkus REST's own routing anyway.
 *
 * <p>This filter, registered so that it runs between the two, makes the same swap: the failing handler fails the
 * request with the root cause, exactly as Quarkus' does. It works the template out only when it is called, that
 * is when authentication has failed before Quarkus REST has begun the request (an HTTP permission policy, a
 * route outside REST), so that such a 401 is counted under the template and not under its raw path.
 * If Quarkus' filter ran first, this one would see its handler and do nothing: the cost comes back, never a
 * wrong answer.
 *
 * <p>Once Quarkus REST has begun a request, its exception mappers answer every failure, an authentication that
 * fails inside it too (the security check, a filter or resource that reads the identity), and REST's own routing
 * names the template: a 401 on {@code /members/X/eligibility} is counted under {@code /members/{memberId}/eligibility},
 * not one time series per member id. Quarkus removes its own handler there; this one, which Quarkus does not know,
 * stands aside instead. Without that, a failed authentication inside REST was answered twice: this handler failed
 * the request (a 401 written), and REST went on and wrote its own answer into the finished response (an
 * {@code IllegalStateException} logged as an incident; seen on {@code GET /drugs} with a malformed token, whose
 * rate-limit filter reads the identity and goes on). {@code LazyAuthFailureTemplateTest} checks that the filter runs
 * first, the template of such a 401, and that it is answered once.
 */
@ApplicationScoped
public class LazyAuthFailureTemplate {
    private static final Logger LOG = Logger.getLogger(LazyAuthFailureTemplate.class);
    /**
     * The authentication handler's priority: filters of equal priority run in the order they were registered, and
     * Quarkus' own (built in) come before those registered at start-up, so this one runs right after the
     * authentication handler and before Quarkus REST's filter at 199. {@code LazyAuthFailureTemplateTest} checks it.
     */
    static final int PRIORITY = 200;

    void register(@Observes Filters filters) {
        filters.register(LazyAuthFailureTemplate::swap, PRIORITY);
    }

    private static void swap(RoutingContext event) {
        if (event.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler)
            event.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, new FailWithTemplate());
        event.next();
    }

    /** Fails the request with the root cause (exception mappers answer), its template named first. */
    static final class FailWithTemplate implements BiConsumer<RoutingContext, Throwable> {
        @Override
        public void accept(RoutingContext event, Throwable failure) {
            // inside Quarkus REST the failure reaches its exception mappers anyway (Quarkus REST removes its own
            // handler when it begins a request; this is the same point)
            if (event.failed() || CurrentRequestManager.get() != null) return;
            try {
                ObservabilityIntegrationRecorder.setTemplatePath(
                        event, ResteasyReactiveRecorder.getCurrentDeployment());
            } catch (RuntimeException e) {
                LOG.debugf("no endpoint template for a failed authentication: %s", e.getMessage());
            }
            event.fail(DefaultAuthFailureHandler.extractRootCause(failure));
        }
    }
}
