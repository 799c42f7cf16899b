package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.SocialInsuranceFiling;
import com.oncopay.coverage.CoverageApi.SocialInsuranceFilingRequest;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's social-insurance filing (医保备案); the member read (a policy's member) shows it. */
@Path("/members/{memberId}/social-insurance-filing")
@Tag(name = "Reference data")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SocialInsuranceFilingResource {
    private final RecordingSocialInsuranceFiling recording;
    private final CurrentCaller caller;

    public SocialInsuranceFilingResource(RecordingSocialInsuranceFiling recording, CurrentCaller caller) {
        this.recording = recording;
        this.caller = caller;
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    public Uni<SocialInsuranceFiling> put(
            @PathParam("memberId") String memberId, @Valid @NotNull SocialInsuranceFilingRequest body) {
        return recording.record(memberId, body, caller.get());
    }
}
