package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.DiagnosisRequest;
import com.oncopay.coverage.CoverageApi.DiagnosisView;
import com.oncopay.coverage.CoverageApi.HospitalRequest;
import com.oncopay.coverage.CoverageApi.HospitalView;
import com.oncopay.coverage.CoverageApi.PharmacyRequest;
import com.oncopay.coverage.CoverageApi.PharmacyView;
import com.oncopay.coverage.CoverageApi.PolicyRequest;
import com.oncopay.coverage.CoverageApi.PolicyView;
import com.oncopay.coverage.CoverageApi.ProductRequest;
import com.oncopay.coverage.CoverageApi.ProductView;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Reference data: products, hospitals, pharmacies, policies and diagnoses (thin: map, call, map back). */
@Path("")
@Tag(name = "Reference data")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceDataResource {
    private final ReferenceDataService service;
    private final CurrentCaller caller;

    @jakarta.inject.Inject
    com.oncopay.platform.audit.ReadAudit reads;

    public ReferenceDataResource(ReferenceDataService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("/products")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已创建 / Created",
            content = @Content(schema = @Schema(implementation = com.oncopay.coverage.CoverageApi.ProductView.class)))
    public Uni<ProductView> createProduct(@Valid @NotNull ProductRequest body) {
        return service.createProduct(body, caller.get(), false);
    }

    @GET
    @Path("/products/{code}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public Uni<ProductView> product(@PathParam("code") String code) {
        return service.product(code);
    }

    @POST
    @Path("/hospitals")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已创建 / Created",
            content = @Content(schema = @Schema(implementation = com.oncopay.coverage.CoverageApi.HospitalView.class)))
    public Uni<HospitalView> createHospital(@Valid @NotNull HospitalRequest body) {
        return service.createHospital(body, caller.get(), false);
    }

    @GET
    @Path("/hospitals/{code}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public Uni<HospitalView> hospital(@PathParam("code") String code) {
        return service.hospital(code);
    }

    @POST
    @Path("/pharmacies")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已创建 / Created",
            content = @Content(schema = @Schema(implementation = com.oncopay.coverage.CoverageApi.PharmacyView.class)))
    public Uni<PharmacyView> createPharmacy(@Valid @NotNull PharmacyRequest body) {
        return service.createPharmacy(body, caller.get(), false);
    }

    @GET
    @Path("/pharmacies")
    @RolesAllowed({Roles.MEMBER, Roles.PHARMACY, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN})
    public Uni<com.oncopay.platform.web.Page<CoverageApi.PharmacySummary>> designatedPharmacies(
            @QueryParam("city") String city,
            @QueryParam("drugId") String drugId,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        String drug = Params.text("drugId", drugId, 10);
        int[] ps = com.oncopay.platform.web.Page.params(page, size, 50);
        return service.designatedPharmacies(
                        Params.text("city", city, 40),
                        drug == null ? null : com.oncopay.catalog.domain.CatalogEntry.canonicalDrugId(drug))
                .map(all -> com.oncopay.platform.web.Page.slice(all, ps));
    }

    @GET
    @Path("/pharmacies/{code}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER, Roles.PHARMACY})
    public Uni<PharmacyView> pharmacy(@PathParam("code") String code) {
        if (caller.get().has(Roles.PHARMACY) && !caller.get().hasAny(Roles.ADMIN, Roles.REVIEWER))
            caller.get().requirePharmacyVisible(code);
        return service.pharmacy(code);
    }

    @POST
    @Path("/policies")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已创建 / Created",
            content = @Content(schema = @Schema(implementation = com.oncopay.coverage.CoverageApi.PolicyView.class)))
    public Uni<PolicyView> createPolicy(@Valid @NotNull PolicyRequest body) {
        return service.createPolicy(body, caller.get(), false);
    }

    @GET
    @Path("/policies/{policyNumber}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    public Uni<PolicyView> policy(@PathParam("policyNumber") String policyNumber) {
        return service.policy(policyNumber, caller.get())
                .invoke(p ->
                        reads.staffRead(caller.get(), p.member().memberId(), "POLICY_READ", "policy", policyNumber));
    }

    @POST
    @Path("/members/{memberId}/diagnoses")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已记录 / Recorded",
            content = @Content(schema = @Schema(implementation = com.oncopay.coverage.CoverageApi.DiagnosisView.class)))
    public Uni<DiagnosisView> recordDiagnosis(
            @PathParam("memberId") String memberId, @Valid @NotNull DiagnosisRequest body) {
        return service.recordDiagnosis(memberId, body, caller.get());
    }
}
