package com.oncopay.misuse;

import com.oncopay.misuse.MisuseApi.FlagView;
import com.oncopay.platform.audit.ReadAudit;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed 004: someone else using the service; the insurer flags the member's case and may lift the flag. */
@Path("/members/{memberId}/misuse-flag")
@Tag(name = "Misuse")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MisuseResource {
    @Inject
    FlaggingMisuse flagging;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ReadAudit reads;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Uni<FlagView> state(@PathParam("memberId") String memberId) {
        reads.staffRead(caller.get(), memberId, "MISUSE_FLAG_READ", "member", memberId);
        return flagging.state(memberId);
    }

    @POST
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "已标记 / Flagged",
            content = @Content(schema = @Schema(implementation = com.oncopay.misuse.MisuseApi.FlagView.class)))
    public Uni<Response> flag(
            @PathParam("memberId") String memberId,
            @Valid @NotNull MisuseApi.FlagRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /members/" + memberId + "/misuse-flag",
                body,
                () -> flagging.flag(memberId, body, caller.get()).map(v -> new IdempotencyStore.Result(201, v)));
    }

    @POST
    @Path("/lift")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Uni<FlagView> lift(@PathParam("memberId") String memberId, @Valid @NotNull MisuseApi.LiftRequest body) {
        return flagging.lift(memberId, body, caller.get());
    }
}
