package com.oncopay.platform.web;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A constant answer through the same HTTP stack, filters and router as every endpoint, with no
 * authentication, database or cache: the HTTP ceiling the benchmark compares scenarios with. It answers on
 * the event loop, as every reactive endpoint does: a plain {@code String} method would run on a worker thread,
 * and the hand-off to it (a futex wake per request) made the ceiling lower than the endpoints measured against it.
 */
@Path("/ping")
public class PingResource {
    @GET
    @NonBlocking
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }
}
