package com.oncopay.platform.security;

import com.oncopay.platform.db.Rehearsals;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Makes every request of a made-up warm-up caller ({@link WarmUpCallers}) that may write a {@link
 * com.oncopay.platform.db.Rehearsal}: it runs its whole path, and nothing it writes is committed. Any other request
 * passes with one look at an empty map. A request that cannot open its rehearsal is answered 503 and goes no further:
 * it never runs outside one.
 */
@ApplicationScoped
public class WarmUpRehearsalFilter {
    private static final Logger LOG = Logger.getLogger(WarmUpRehearsalFilter.class);
    private static final String BEARER = "Bearer ";

    private final WarmUpCallers callers;
    private final Rehearsals rehearsals;

    public WarmUpRehearsalFilter(WarmUpCallers callers, Rehearsals rehearsals) {
        this.callers = callers;
        this.rehearsals = rehearsals;
    }

    void register(@Observes Filters filters) {
        filters.register(this::rehearse, 2000); // before every other filter, so before anything reads or writes
    }

    private void rehearse(RoutingContext ctx) {
        if (!callers.any() || ctx.request().method() == HttpMethod.GET) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        WarmUpCallers.MadeUp caller = authorization != null && authorization.startsWith(BEARER)
                ? callers.madeUp(authorization.substring(BEARER.length()))
                : null;
        if (caller == null) {
            ctx.next();
            return;
        }
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        rehearsals
                .open(caller.role(), caller.id())
                .subscribe()
                .with(
                        rehearsal -> {
                            rehearsal.bind(context);
                            ctx.addEndHandler(ended -> rehearsal.end());
                            if (ctx.response().ended() || ctx.response().closed())
                                rehearsal.end(); // gone while it opened
                            else ctx.next();
                        },
                        failure -> {
                            LOG.debugf("warm-up: a rehearsal could not open (%s)", failure.toString());
                            ctx.response().setStatusCode(503).end();
                        });
    }
}
