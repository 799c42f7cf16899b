package com.oncopay.prescription;

import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.prescription.PrescriptionApi.Estimate;
import com.oncopay.prescription.PrescriptionApi.EstimateRequest;
import com.oncopay.prescription.PrescriptionApi.PrescriptionView;
import com.oncopay.prescription.PrescriptionApi.ReviewRequest;
import com.oncopay.prescription.PrescriptionApi.SubmitRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("")
@Tag(name = "Prescriptions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PrescriptionResource {
    private final SubmittingPrescription submitting;
    private final ReviewQueue reviews;
    private final PrescriptionQueries prescriptions;
    private final EstimatingPrescription estimating;
    private final PrescriptionViews views;
    private final CurrentCaller caller;

    @jakarta.inject.Inject
    com.oncopay.platform.audit.ReadAudit reads;

    @jakarta.inject.Inject
    IdempotencyStore idempotency;

    public PrescriptionResource(
            SubmittingPrescription submitting,
            ReviewQueue reviews,
            PrescriptionQueries prescriptions,
            EstimatingPrescription estimating,
            PrescriptionViews views,
            CurrentCaller caller) {
        this.submitting = submitting;
        this.reviews = reviews;
        this.prescriptions = prescriptions;
        this.estimating = estimating;
        this.views = views;
        this.caller = caller;
    }

    private static Locale locale(HttpHeaders headers) {
        return Messages.negotiate(headers.getAcceptableLanguages());
    }

    @POST
    @Path("/prescriptions")
    @RolesAllowed({Roles.MEMBER, Roles.ADMIN})
    @APIResponse(
            responseCode = "201",
            description = "已提交：通过、拒绝或待审 / Submitted: approved, rejected or queued",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation =
                                                    com.oncopay.prescription.PrescriptionApi.PrescriptionView.class)))
    public Uni<Response> submit(
            @Valid @NotNull SubmitRequest body, @HeaderParam(IdempotencyStore.HEADER) String key, HttpHeaders headers) {
        var received = submitting.accept(body, caller.get());
        Locale locale = locale(headers);
        return idempotency.execute(
                caller.get(),
                key,
                "POST /prescriptions",
                body,
                () -> submitting
                        .submit(body, caller.get(), received)
                        .map(p -> new IdempotencyStore.Result(201, views.view(p, locale))));
    }

    @GET
    @Path("/prescriptions/{id}")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<PrescriptionView> get(@PathParam("id") String id, HttpHeaders headers) {
        return prescriptions
                .find(id, caller.get(), Roles.REVIEWER)
                .invoke(p -> reads.staffRead(caller.get(), p.memberId(), "PRESCRIPTION_READ", "prescription", id))
                .map(p -> views.view(p, locale(headers)));
    }

    @GET
    @Path("/members/{memberId}/prescriptions")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<Page<PrescriptionView>> forMember(
            @PathParam("memberId") String memberId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            HttpHeaders headers) {
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        reads.staffRead(caller.get(), memberId, "PRESCRIPTIONS_READ", "member", memberId);
        Locale locale = locale(headers);
        int[] ps = Page.params(page, size, 20);
        return prescriptions.forMember(memberId, ps[0], ps[1]).map(p -> p.map(x -> views.view(x, locale)));
    }

    @POST
    @Path("/prescriptions/{id}/review")
    @RolesAllowed(Roles.REVIEWER)
    public Uni<PrescriptionView> review(
            @PathParam("id") String id, @Valid @NotNull ReviewRequest body, HttpHeaders headers) {
        return reviews.review(id, body, caller.get()).map(p -> views.view(p, locale(headers)));
    }

    @jakarta.inject.Inject
    AnsweringInformation answering;

    @POST
    @Path("/prescriptions/{id}/information")
    @RolesAllowed({Roles.MEMBER, Roles.ADMIN})
    public Uni<PrescriptionView> information(
            @PathParam("id") String id, @Valid @NotNull PrescriptionApi.InformationRequest body, HttpHeaders headers) {
        return answering.answer(id, body, caller.get()).map(p -> views.view(p, locale(headers)));
    }

    @GET
    @Path("/reviews/queue")
    @RolesAllowed(Roles.REVIEWER)
    public Uni<Page<PrescriptionView>> queue(
            @QueryParam("page") String page, @QueryParam("size") String size, HttpHeaders headers) {
        Locale locale = locale(headers);
        int[] ps = Page.params(page, size, 50);
        return reviews.queue(ps[0], ps[1]).map(p -> p.map(x -> views.view(x, locale)));
    }

    @POST
    @Path("/prescriptions/{id}/estimate")
    @RolesAllowed({Roles.MEMBER, Roles.PHARMACY, Roles.ADMIN})
    public Uni<Estimate> estimate(@PathParam("id") String id, @Valid @NotNull EstimateRequest body) {
        return estimating.estimate(id, body, caller.get());
    }
}
