package com.oncopay.platform.security;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tells a caller how the engine sees its token: handy to check a token made with scripts/dev-token. */
@Path("/me")
@Tag(name = "Platform")
public class WhoAmIResource {
    private final CurrentCaller caller;

    public WhoAmIResource(CurrentCaller caller) {
        this.caller = caller;
    }

    public record Me(String subject, Set<String> roles, String memberId, String pharmacyId, String coordinatorId) {}

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        Caller caller = this.caller.get();
        return new Me(
                caller.subject(),
                new TreeSet<>(caller.roles()),
                caller.memberId(),
                caller.pharmacyId(),
                caller.coordinatorId());
    }
}
