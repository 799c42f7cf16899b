package com.oncopay.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A constant answer through the same HTTP stack, filters and router as every endpoint, with no
 * authentication, database or cache: the HTTP ceiling the benchmark compares scenarios with.
 */
@Path("/ping")
public class PingResource {
    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "pong: the HTTP ceiling for benchmarks and a cheap reachability check")
    public String ping() {
        return "pong";
    }
}
