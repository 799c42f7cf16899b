package com.oncopay.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A constant answer through the same HTTP stack, filters and router as every endpoint, with no
 * authentication, database or cache: the HTTP ceiling the benchmark compares scenarios with.
 */
@Path("/ping")
public class PingResource {
    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }
}
