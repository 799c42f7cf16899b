package com.oncopay.fulfilment;

import com.oncopay.platform.audit.ReadAudit;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fulfilment lists: a member's fulfilments and a pharmacy's recent redemptions, in the one page shape. */
@Path("")
@Tag(name = "Fulfilment")
@Produces(MediaType.APPLICATION_JSON)
public class FulfilmentListsResource {
    private final ReadAudit reads;
    private final FulfilmentQueries queries;
    private final RecentRedemptions recent;
    private final CurrentCaller caller;

    public FulfilmentListsResource(
            ReadAudit reads, FulfilmentQueries queries, RecentRedemptions recent, CurrentCaller caller) {
        this.reads = reads;
        this.queries = queries;
        this.recent = recent;
        this.caller = caller;
    }

    @GET
    @Path("/members/{memberId}/fulfilments")
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<Page<FulfilmentApi.FulfilmentView>> memberFulfilments(
            @PathParam("memberId") String memberId, @QueryParam("page") String page, @QueryParam("size") String size) {
        caller.get().requireMemberVisible(memberId, Roles.REVIEWER);
        int[] ps = Page.params(page, size, 50);
        reads.staffRead(caller.get(), memberId, "FULFILMENTS_READ", "member", memberId);
        return queries.memberFulfilments(memberId).map(all -> Page.slice(all, ps));
    }

    @GET
    @Path("/pharmacies/{code}/redemptions")
    @RolesAllowed({Roles.PHARMACY, Roles.ADMIN})
    public Uni<Page<RecentRedemptions.Line>> redemptions(
            @PathParam("code") String code, @QueryParam("page") String page, @QueryParam("size") String size) {
        caller.get().requirePharmacyVisible(code);
        int[] ps = Page.params(page, size, 20);
        return recent.list(code, ps[0], ps[1]);
    }
}
