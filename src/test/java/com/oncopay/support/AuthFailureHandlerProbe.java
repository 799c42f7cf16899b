package com.oncopay.support;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only: notes which authentication-failure handler a request carries right after the filters at priority 199
 * (LazyAuthFailureTemplateTest reads it through {@link PlatformProbeResource}).
 */
@ApplicationScoped
public class AuthFailureHandlerProbe {
    public static final String KEY = "test.auth-failure-handler";

    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    Object h = ctx.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
                    ctx.put(KEY, h == null ? "none" : h.getClass().getName());
                    ctx.next();
                },
                198);
    }
}
