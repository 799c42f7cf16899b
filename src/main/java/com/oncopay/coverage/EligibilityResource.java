package com.oncopay.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.coverage.domain.Eligibility;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/members/{memberId}/eligibility")
@Tag(name = "Eligibility")
public class EligibilityResource {
    private final EligibilityService service;
    private final CurrentCaller caller;
    private final java.time.Clock clock;
    private final ObjectMapper mapper;

    @jakarta.inject.Inject
    com.oncopay.platform.audit.ReadAudit reads;

    public EligibilityResource(
            EligibilityService service, CurrentCaller caller, java.time.Clock clock, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
        this.clock = clock;
    }

    public record EligibilityView(
            String memberId,
            String drugId,
            LocalDate on,
            boolean eligible,
            List<Problem.Reason> reasons,
            String policyNumber,
            LocalDate waitingPeriodEndsOn,
            Long sumInsuredRemainingFen,
            Long deductibleRemainingFen,
            Integer tier,
            Integer ratioPercent,
            List<Eligibility.Mode> fulfilmentModes,
            Problem.Reason deliveryRefusal,
            int catalogVersion) {}

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "200",
            description = "保障判断及全部未通过原因 / Coverage, with every failing reason",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation =
                                                    com.oncopay.coverage.EligibilityResource.EligibilityView.class)))
    public Uni<RestResponse<byte[]>> eligibility(
            @PathParam("memberId") String memberId,
            @QueryParam("drugId") String drugId,
            @QueryParam("on") String on,
            // documented for every operation by the document's filter already
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(hidden = true)
                    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
                    String acceptLanguage) {
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        reads.staffRead(caller.get(), memberId, "ELIGIBILITY_READ", "member", memberId);
        String drug = Params.text("drugId", drugId, 10);
        if (drug == null) throw Params.invalid("drugId", "REQUIRED", "PARAM_DRUG_ID");
        LocalDate day = Params.date("on", on, LocalDate.now(clock));
        Locale locale = Messages.negotiate(acceptLanguage);
        return service.eligibility(memberId, drug, day).map(c -> {
            // from the near cache: the body rendered the first time in this language; else rendered now
            byte[] body = c.kept() == null
                    ? render(c.snapshot(), locale)
                    : c.kept().body(locale, kept -> render(kept, locale));
            return RestResponse.ResponseBuilder.ok(body)
                    .header("X-Cache", c.source().name())
                    .build();
        });
    }

    /** The snapshot as the caller reads it: reasons with their titles in {@code locale}, as JSON. */
    private byte[] render(EligibilityService.Snapshot s, Locale locale) {
        var r = s.result();
        List<Problem.Reason> reasons = r.reasons().stream()
                .map(code -> new Problem.Reason(code, Messages.title(locale, code)))
                .toList();
        var view = new EligibilityView(
                s.memberId(),
                s.drugId(),
                s.on(),
                r.eligible(),
                reasons,
                r.policyNumber(),
                r.waitingPeriodEndsOn(),
                r.sumInsuredRemainingFen(),
                r.deductibleRemainingFen(),
                r.tier(),
                r.ratioPercent(),
                r.fulfilmentModes(),
                r.deliveryRefusal() == null
                        ? null
                        : new Problem.Reason(r.deliveryRefusal(), Messages.title(locale, r.deliveryRefusal())),
                s.catalogVersion());
        try {
            return mapper.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
