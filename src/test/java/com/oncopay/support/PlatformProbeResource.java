package com.oncopay.support;

import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/**
 * A test-only endpoint that exercises the platform pieces (validation, idempotency,
 * audit, object-level checks) through the real HTTP stack, before any business endpoint
 * exists. Lives in src/test: it is never part of the product.
 */
@Path("/test-probe")
public class PlatformProbeResource {
    public enum Kind {
        DISPENSE,
        REVERSAL
    }

    public record ProbeRequest(
            @NotBlank String memberId,

            @NotNull @PositiveOrZero @Max(1_000_000_000_000L)
            Long amountFen,

            @NotNull Kind kind,
            @Valid Nested nested) {}

    public record Nested(@NotNull Integer packs) {}

    public record ProbeResult(String probeId, String memberId, long amountFen, Kind kind) {}

    private final IdempotencyStore idempotency;
    private final AuditLog audit;
    private final CurrentCaller caller;

    public PlatformProbeResource(IdempotencyStore idempotency, AuditLog audit, CurrentCaller caller) {
        this.idempotency = idempotency;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull ProbeRequest body, @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(caller.get(), key, "POST /test-probe", body, () -> {
            ProbeResult r =
                    new ProbeResult(UUID.randomUUID().toString(), body.memberId(), body.amountFen(), body.kind());
            return audit.record(AuditEntry.of(
                            caller.get(), "PROBE_CREATED", "probe", r.probeId(), Map.of("amountFen", r.amountFen())))
                    .replaceWith(new IdempotencyStore.Result(201, r));
        });
    }

    /** No role annotation: closed by quarkus.security.jaxrs.deny-unannotated-endpoints. */
    @GET
    @Path("/unannotated")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> unannotated() {
        return Map.of("open", "yes");
    }

    @GET
    @Path("/members/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> memberObject(@PathParam("memberId") String memberId) {
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        return Map.of("memberId", memberId);
    }

    /** The authentication-failure handler the request carried after the filters at priority 199 (AuthFailureHandlerProbe). */
    @GET
    @Path("/auth-failure-handler")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.REVIEWER)
    public String authFailureHandler(io.vertx.ext.web.RoutingContext context) {
        return context.get(AuthFailureHandlerProbe.KEY);
    }
}
