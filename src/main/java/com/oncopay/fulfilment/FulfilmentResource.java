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
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(
            summary = "Choose pickup, home delivery or (cell therapy) hospital transfer; a pickup code is shown once")
    public Uni<Chosen> choose(@PathParam("id") String id, @Valid @NotNull ChooseRequest body, @Context HttpHeaders h) {
        return choosing.choose(id, body, caller.get(), Messages.negotiate(h.getAcceptableLanguages()));
    }

    @GET
    @Path("/members/{memberId}/fulfilments")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(
            summary =
                    "The member's fulfilments, newest first: code expiry, delivery status and promised time (the code itself is never shown again)")
    public Uni<java.util.List<FulfilmentApi.FulfilmentView>> memberFulfilments(@PathParam("memberId") String memberId) {
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        reads.staffRead(caller.get(), memberId, "FULFILMENTS_READ", "member", memberId);
        return queries.memberFulfilments(memberId);
    }

    /** The code the member's app holds, in the body: a URL (and so a proxy or ingress log) never carries a pickup code. */
    public record HeldCode(@NotBlank @Size(max = 40) String pickupCode) {}

    @POST
    @Path("/fulfilments/{id}/qr.png")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("image/png")
    @Operation(
            summary =
                    "The member's pickup code as a QR image; the app posts the code it holds (the engine keeps only a hash, "
                            + "and no URL carries a code)")
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
    @Operation(
            summary =
                    "Read the pickup code from a counter camera frame (for browsers without a built-in QR reader); nothing is stored")
    public Uni<Scanned> scan(byte[] frame) {
        if (frame == null || frame.length == 0) throw Params.invalid("body", "REQUIRED", "a PNG or JPEG camera frame");
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
    public Uni<Void> cancel(@PathParam("id") String id) {
        return cancelling.cancel(id, caller.get());
    }

    @POST
    @Path("/pharmacy/redemptions")
    @RolesAllowed(Roles.PHARMACY)
    @Operation(
            summary =
                    "Redeem a pickup code at the counter: one transaction with the money, the ledger and the dispatch event")
    public Uni<Response> redeem(@Valid @NotNull RedeemRequest body, @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /pharmacy/redemptions",
                body,
                () -> redeeming.redeem(body, caller.get()).map(r -> new IdempotencyStore.Result(200, r)));
    }

    @POST
    @Path("/pharmacy/redemptions/preview")
    @RolesAllowed(Roles.PHARMACY)
    @Operation(summary = "The order behind a pickup code and the split a redemption would apply now; changes nothing")
    public Uni<FulfilmentApi.Preview> preview(@Valid @NotNull FulfilmentApi.PreviewRequest body) {
        return redeeming.preview(body, caller.get());
    }

    @POST
    @Path("/pharmacy/redemptions/{id}/reversal")
    @RolesAllowed(Roles.PHARMACY)
    @Operation(summary = "Reverse a redemption of this pharmacy within 7 days; restores the accumulators exactly")
    public Uni<Response> reverse(
            @PathParam("id") String id,
            @Valid @NotNull ReversalRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String key) {
        return idempotency.execute(
                caller.get(),
                key,
                "POST /pharmacy/redemptions/" + id + "/reversal",
                body,
                () -> reversing.reverse(id, body, caller.get()).map(r -> new IdempotencyStore.Result(200, r)));
    }

    @POST
    @Path("/deliveries/{fulfilmentId}/status")
    @RolesAllowed(Roles.PHARMACY)
    @Operation(summary = "Move a home delivery forward; DELIVERED checks the recipient and settles like a redemption")
    public Uni<DeliveryView> status(@PathParam("fulfilmentId") String id, @Valid @NotNull StatusRequest body) {
        return deliveries.deliveryStatus(id, body, caller.get());
    }

    @GET
    @Path("/deliveries/{fulfilmentId}/address")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    @Operation(
            summary = "The address and phone of a home delivery, for the pharmacy delivering it; each read is audited")
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
    @Operation(summary = "Home deliveries past their promised time, for the insurer")
    public Uni<Page<DeliveryView>> overdue(@QueryParam("page") String page, @QueryParam("size") String size) {
        int[] ps = Page.params(page, size, 50);
        return queries.deliveries(null, true, ps[0], ps[1]);
    }

    @GET
    @Path("/pharmacies/{code}/settlements")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    @Operation(
            summary =
                    "What the insurer owes the pharmacy in a period (dates inclusive, Asia/Shanghai); reversals are negative lines")
    public Uni<Settlement> settlements(
            @PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        caller.get().requirePharmacyVisible(code);
        LocalDate today = LocalDate.now(clock);
        return settlements.settlement(
                code, Params.date("from", from, today.withDayOfMonth(1)), Params.date("to", to, today));
    }
}
