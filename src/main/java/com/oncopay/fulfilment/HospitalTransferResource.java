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
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(
            summary =
                    "The chosen pharmacy sends the cold-chain transfer (IN_TRANSFER) or records that it failed (FAILED)")
    public Uni<TransferView> status(@PathParam("fulfilmentId") String id, @Valid @NotNull TransferStatusRequest body) {
        return transfers.status(id, body, caller.get());
    }

    @POST
    @Path("/receipt")
    @RolesAllowed(Roles.PHARMACY)
    @Operation(
            summary =
                    "The pharmacy that sent the transfer records the hospital's signed receipt: the hand-over, settled like "
                            + "a counter redemption (one transaction with the money, the ledger and the dispatch event)")
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
