package com.oncopay.fulfilment;

import com.oncopay.fulfilment.ReversingLate.LateReversalRequest;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("")
@Tag(name = "Receivables")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LateReversalResource {
    @Inject
    ReversingLate reversing;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/redemptions/{id}/late-reversal")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "已冲正，生成应收 / Reversed, receivable opened",
            content =
                    @Content(
                            schema = @Schema(implementation = com.oncopay.fulfilment.ReversingLate.LateReversal.class)))
    public Uni<Response> reverseLate(
            @PathParam("id") String id,
            @Valid @NotNull LateReversalRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.executeInTransaction(
                caller.get(),
                key,
                "POST /redemptions/" + id + "/late-reversal",
                body,
                answer -> reversing.reverse(id, body, caller.get(), answer));
    }
}
