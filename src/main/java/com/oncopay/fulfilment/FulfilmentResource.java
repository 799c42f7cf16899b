package com.oncopay.fulfilment;

import com.oncopay.fulfilment.FulfilmentApi.ChooseRequest;
import com.oncopay.fulfilment.FulfilmentApi.Chosen;
import com.oncopay.fulfilment.FulfilmentApi.DeliveryView;
import com.oncopay.fulfilment.FulfilmentApi.RedeemRequest;
import com.oncopay.fulfilment.FulfilmentApi.ReversalRequest;
import com.oncopay.fulfilment.FulfilmentApi.Settlement;
import com.oncopay.fulfilment.FulfilmentApi.StatusRequest;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.platform.web.Params;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("")
@Tag(name = "Fulfilment")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FulfilmentResource {
    /** Camera frames decoded at once per replica (decoding is CPU and memory; a 2-core replica gains nothing from more). */
    static final int CONCURRENT_SCANS = 2;

    private static final Semaphore scans = new Semaphore(CONCURRENT_SCANS);

    @jakarta.inject.Inject
    com.oncopay.platform.audit.ReadAudit reads;

    @jakarta.inject.Inject
    ChoosingFulfilment choosing;

    @jakarta.inject.Inject
    CancellingFulfilment cancelling;

    @jakarta.inject.Inject
    RedeemingPickupCode redeeming;

    @jakarta.inject.Inject
    ReversingDispense reversing;

    @jakarta.inject.Inject
    DeliveryProgress deliveries;

    @jakarta.inject.Inject
    FulfilmentQueries queries;

    @jakarta.inject.Inject
    Settlements settlements;

    @jakarta.inject.Inject
    IdempotencyStore idempotency;

    @jakarta.inject.Inject
    CurrentCaller caller;

    @jakarta.inject.Inject
    java.time.Clock clock;

    @POST
    @Path("/prescriptions/{id}/fulfilment")
    @RolesAllowed(Roles.MEMBER)
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已选择；取药码仅此一次显示 / Chosen; the pickup code is shown only here",
            content = @Content(schema = @Schema(implementation = com.oncopay.fulfilment.FulfilmentApi.Chosen.class)))
    public Uni<Chosen> choose(@PathParam("id") String id, @Valid @NotNull ChooseRequest body, @Context HttpHeaders h) {
        return choosing.choose(id, body, caller.get(), Messages.negotiate(h.getAcceptableLanguages()));
    }

    /** The code the member's app holds, in the body: a URL (and so a proxy or ingress log) never carries a pickup code. */
    public record HeldCode(@NotBlank @Size(max = 40) String pickupCode) {}

    @POST
    @Path("/fulfilments/{id}/qr.png")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("image/png")
    @APIResponse(
            responseCode = "200",
            description = "二维码 PNG / The QR code as PNG",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<Response> qr(@PathParam("id") String id, @Valid @NotNull HeldCode body) {
        return queries.verifyHeldCode(id, body.pickupCode(), caller.get())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(canonical -> Response.ok(QrImages.png(canonical, 320), "image/png")
                        .header("Cache-Control", "no-store")
                        .build());
    }

    public record Scanned(String pickupCode) {}

    @POST
    @Path("/pharmacy/scan")
    @RolesAllowed(Roles.PHARMACY)
    @Consumes({"image/png", "image/jpeg"})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Scanned> scan(byte[] frame) {
        if (frame == null || frame.length == 0) throw Params.invalid("body", "REQUIRED", "PARAM_CAMERA_FRAME");
        // decoding is CPU and memory: a few at a time per replica, the rest are told to retry
        if (!scans.tryAcquire())
            throw new ProblemException(503, "SCAN_BUSY", List.of(), List.of(), Map.of("Retry-After", "1"));
        return Uni.createFrom()
                .item(frame)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(f -> QrImages.read(f)
                        .map(Scanned::new)
                        .orElseThrow(() -> new ProblemException(422, "NO_CODE_IN_IMAGE")))
                .onFailure(QrImages.Refused.class)
                .transform(e -> switch (((QrImages.Refused) e).refusal) {
                    case NOT_PNG_OR_JPEG -> new ProblemException(415, "IMAGE_NOT_PNG_OR_JPEG");
                    case TOO_LARGE -> new ProblemException(413, "IMAGE_TOO_LARGE", QrImages.MAX_PIXELS / 1_000_000);
                })
                .onTermination()
                .invoke(scans::release);
    }

    @POST
    @Path("/fulfilments/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // no body: an empty POST is no 415 whatever Content-Type it carries (#19)
    @RolesAllowed(Roles.MEMBER)
    @ResponseStatus(204)
    @APIResponse(responseCode = "204", description = "已取消 / Cancelled")
    public Uni<Void> cancel(@PathParam("id") String id) {
        return cancelling.cancel(id, caller.get());
    }

    @POST
    @Path("/pharmacy/redemptions")
    @RolesAllowed(Roles.PHARMACY)
    @APIResponse(
            responseCode = "200",
            description = "已核销，含金额拆分 / Redeemed, with the money split",
            content =
                    @Content(schema = @Schema(implementation = com.oncopay.fulfilment.FulfilmentApi.Redemption.class)))
    public Uni<Response> redeem(@Valid @NotNull RedeemRequest body, @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.executeInTransaction(
                caller.get(),
                key,
                "POST /pharmacy/redemptions",
                body,
                answer -> redeeming.redeem(body, caller.get(), answer));
    }

    @POST
    @Path("/pharmacy/redemptions/preview")
    @RolesAllowed(Roles.PHARMACY)
    public Uni<FulfilmentApi.Preview> preview(@Valid @NotNull FulfilmentApi.PreviewRequest body) {
        return redeeming.preview(body, caller.get());
    }

    @POST
    @Path("/pharmacy/redemptions/{id}/reversal")
    @RolesAllowed(Roles.PHARMACY)
    @APIResponse(
            responseCode = "200",
            description = "已冲正 / Reversed",
            content = @Content(schema = @Schema(implementation = com.oncopay.fulfilment.FulfilmentApi.Reversal.class)))
    public Uni<Response> reverse(
            @PathParam("id") String id,
            @Valid @NotNull ReversalRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.executeInTransaction(
                caller.get(),
                key,
                "POST /pharmacy/redemptions/" + id + "/reversal",
                body,
                answer -> reversing.reverse(id, body, caller.get(), answer));
    }

    @POST
    @Path("/deliveries/{fulfilmentId}/status")
    @RolesAllowed(Roles.PHARMACY)
    public Uni<DeliveryView> status(@PathParam("fulfilmentId") String id, @Valid @NotNull StatusRequest body) {
        return deliveries.deliveryStatus(id, body, caller.get());
    }

    @GET
    @Path("/deliveries/{fulfilmentId}/address")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    public Uni<FulfilmentApi.DeliveryAddress> address(@PathParam("fulfilmentId") String id) {
        return queries.deliveryAddress(id, caller.get());
    }

    @GET
    @Path("/pharmacies/{code}/deliveries")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    public Uni<Page<DeliveryView>> deliveries(
            @PathParam("code") String code,
            @QueryParam("overdue") String overdue,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        caller.get().requirePharmacyVisible(code);
        int[] ps = Page.params(page, size, 50);
        return queries.deliveries(code, Boolean.TRUE.equals(Params.bool("overdue", overdue)), ps[0], ps[1]);
    }

    @GET
    @Path("/deliveries/overdue")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public Uni<Page<DeliveryView>> overdue(@QueryParam("page") String page, @QueryParam("size") String size) {
        int[] ps = Page.params(page, size, 50);
        return queries.deliveries(null, true, ps[0], ps[1]);
    }

    @GET
    @Path("/pharmacies/{code}/settlements")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    public Uni<Settlement> settlements(
            @PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        caller.get().requirePharmacyVisible(code);
        LocalDate today = LocalDate.now(clock);
        return settlements.settlement(
                code, Params.date("from", from, today.withDayOfMonth(1)), Params.date("to", to, today));
    }
}
