package com.oncopay.receivable;

import com.oncopay.platform.audit.ReadAudit;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.receivable.ReceivableApi.PaymentRequest;
import com.oncopay.receivable.ReceivableApi.ReceivableView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
public class ReceivableResource {
    @Inject
    ReceivablePayments payments;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ReadAudit reads;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/members/{memberId}/receivables")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<Page<ReceivableView>> ofMember(
            @PathParam("memberId") String memberId, @QueryParam("page") String page, @QueryParam("size") String size) {
        int[] p = Page.params(page, size, 50);
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        reads.staffRead(caller.get(), memberId, "RECEIVABLES_READ", "member", memberId);
        return payments.ofMember(memberId, p[0], p[1]);
    }

    @POST
    @Path("/receivables/{id}/payments")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "已入账 / Payment recorded",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation =
                                                    com.oncopay.receivable.ReceivableApi.ReceivableView.class)))
    public Uni<Response> pay(
            @PathParam("id") String id,
            @Valid @NotNull PaymentRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /receivables/" + id + "/payments",
                body,
                () -> payments.pay(id, body.amountFen(), body.paidOn(), caller.get())
                        .map(r -> new IdempotencyStore.Result(200, r)));
    }
}
