package com.oncopay.platform.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The demo picker page ({@code /dev-sign-in.html}) exists only where dev sign-in is enabled (dev
 * and test profiles): anywhere else it answers 404, like the dev token endpoint it calls.
 */
@ApplicationScoped
public class DevSignInPage {
    static final String PATH_PREFIX = "/dev-sign-in"; // the page, with or without .html

    private final boolean enabled;

    public DevSignInPage(DevLoginConfig config) {
        this.enabled = config.enabled();
    }

    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    if (!enabled && ctx.normalizedPath().startsWith(PATH_PREFIX)) {
                        ctx.response().setStatusCode(404).end();
                    } else {
                        ctx.next();
                    }
                },
                100);
    }
}
