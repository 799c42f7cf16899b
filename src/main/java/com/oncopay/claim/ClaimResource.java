package com.oncopay.claim;

import com.oncopay.claim.ClaimApi.ClaimView;
import com.oncopay.claim.ClaimApi.DecisionRequest;
import com.oncopay.claim.ClaimApi.OverPaymentRequest;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.platform.audit.ReadAudit;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.platform.web.Params;
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
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("")
@Tag(name = "Claims")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {
    @Inject
    DecidingLiability claims;

    @Inject
    RecordingOverPayment overPayments;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ReadAudit reads;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/members/{memberId}/claims")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<Page<ClaimView>> ofMember(
            @PathParam("memberId") String memberId, @QueryParam("page") String page, @QueryParam("size") String size) {
        int[] p = Page.params(page, size, 50);
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        reads.staffRead(caller.get(), memberId, "CLAIMS_READ", "member", memberId);
        return claims.list(memberId, null, null, p[0], p[1]);
    }

    @GET
    @Path("/claims")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Uni<Page<ClaimView>> list(
            @QueryParam("status") String status,
            @QueryParam("overdue") String overdue,
            @QueryParam("memberId") String memberId,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int[] p = Page.params(page, size, 50);
        return claims.list(
                Params.text("memberId", memberId, 64), status(status), Params.bool("overdue", overdue), p[0], p[1]);
    }

    @POST
    @Path("/claims/{id}/decision")
    @RolesAllowed(Roles.REVIEWER)
    public Uni<ClaimView> decide(@PathParam("id") String id, @Valid @NotNull DecisionRequest body) {
        return claims.decide(id, body, caller.get());
    }

    @POST
    @Path("/claims/{id}/over-payment")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "已生成超额给付应收 / Over-payment receivable opened",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation =
                                                    com.oncopay.receivable.ReceivableApi.ReceivableView.class)))
    public Uni<Response> overPayment(
            @PathParam("id") String id,
            @Valid @NotNull OverPaymentRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /claims/" + id + "/over-payment",
                body,
                () -> overPayments.record(id, body, caller.get()).map(r -> new IdempotencyStore.Result(201, r)));
    }

    private static ClaimStatus status(String value) {
        if (value == null || value.isBlank()) return null;
        return Arrays.stream(ClaimStatus.values())
                .filter(s -> s.name().equals(value))
                .findFirst()
                .orElseThrow(() ->
                        Params.invalid("status", "INVALID", "PARAM_ONE_OF", Arrays.toString(ClaimStatus.values())));
    }
}
