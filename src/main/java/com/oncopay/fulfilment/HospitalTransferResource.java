package com.oncopay.fulfilment;

import com.oncopay.fulfilment.TransferApi.HospitalReceipt;
import com.oncopay.fulfilment.TransferApi.TransferStatusRequest;
import com.oncopay.fulfilment.TransferApi.TransferView;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

/** Cell therapies: the pharmacy's cold-chain transfer to the prescribing hospital and the hospital's signed receipt. */
@Path("/hospital-transfers/{fulfilmentId}")
@Tag(name = "Fulfilment")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class HospitalTransferResource {
    private final HospitalTransfers transfers;
    private final IdempotencyStore idempotency;
    private final CurrentCaller caller;

    public HospitalTransferResource(HospitalTransfers transfers, IdempotencyStore idempotency, CurrentCaller caller) {
        this.transfers = transfers;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Path("/status")
    @RolesAllowed(Roles.PHARMACY)
    public Uni<TransferView> status(@PathParam("fulfilmentId") String id, @Valid @NotNull TransferStatusRequest body) {
        return transfers.status(id, body, caller.get());
    }

    @POST
    @Path("/receipt")
    @RolesAllowed(Roles.PHARMACY)
    @APIResponse(
            responseCode = "200",
            description = "已签收并结算 / Received and settled",
            content =
                    @Content(schema = @Schema(implementation = com.oncopay.fulfilment.TransferApi.TransferView.class)))
    public Uni<Response> receipt(
            @PathParam("fulfilmentId") String id,
            @Valid @NotNull HospitalReceipt body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.executeInTransaction(
                caller.get(),
                key,
                "POST /hospital-transfers/" + id + "/receipt",
                body,
                answer -> transfers.receipt(id, body, caller.get(), answer));
    }
}
