package com.oncopay.cancellation;

import com.oncopay.cancellation.CancellationApi.CancellationRequest;
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

/** #20 item 5: the insurer cancels a policy, inside its cooling-off period (犹豫期) or after it. */
@Path("/policies/{policyNumber}/cancellation")
@Tag(name = "Policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CancellationResource {
    @Inject
    CancellingPolicy cancelling;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "保单已解除 / Policy cancelled",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation =
                                                    com.oncopay.cancellation.CancellationApi.CancellationView.class)))
    public Uni<Response> cancel(
            @PathParam("policyNumber") String policyNumber,
            @Valid @NotNull CancellationRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /policies/" + policyNumber + "/cancellation",
                body,
                () -> cancelling
                        .cancel(policyNumber, body, caller.get())
                        .map(v -> new IdempotencyStore.Result(200, v)));
    }
}
