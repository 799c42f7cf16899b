package com.oncopay.fulfilment;

import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The hand-over recorded with a dispense (#19): documents collected and who collected, masked. */
@Path("")
@Tag(name = "Fulfilment")
@Produces(MediaType.APPLICATION_JSON)
public class HandOverResource {
    @jakarta.inject.Inject
    HandingOver handingOver;

    @jakarta.inject.Inject
    CurrentCaller caller;

    @GET
    @Path("/fulfilments/{fulfilmentId}/hand-over")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    public Uni<FulfilmentApi.HandOver> handOver(@PathParam("fulfilmentId") String fulfilmentId) {
        return handingOver.ofFulfilment(fulfilmentId, caller.get());
    }
}
