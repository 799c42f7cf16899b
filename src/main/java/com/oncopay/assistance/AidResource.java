package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.AidApi.Programme;
import com.oncopay.assistance.AidApi.Reminder;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.platform.web.Params;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("")
@Tag(name = "Charity assistance")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AidResource {
    private final OpeningAidCase opening;
    private final DecidingAidCase deciding;
    private final AidCaseQueries queries;
    private final AidProgrammes programmes;
    private final AidPharmacyRepository pharmacies;
    private final com.oncopay.platform.db.Transactions transactions;
    private final CurrentCaller caller;

    public AidResource(
            OpeningAidCase opening,
            DecidingAidCase deciding,
            AidCaseQueries queries,
            AidProgrammes programmes,
            AidPharmacyRepository pharmacies,
            com.oncopay.platform.db.Transactions transactions,
            CurrentCaller caller) {
        this.pharmacies = pharmacies;
        this.transactions = transactions;
        this.opening = opening;
        this.deciding = deciding;
        this.queries = queries;
        this.programmes = programmes;
        this.caller = caller;
    }

    @GET
    @Path("/aid-programmes")
    @Authenticated
    public Uni<Page<Programme>> programmes(@QueryParam("page") String page, @QueryParam("size") String size) {
        int[] ps = Page.params(page, size, 50);
        List<String> codes = programmes.all().stream()
                .flatMap(p -> p.pharmacies().stream())
                .distinct()
                .toList();
        return pharmacies
                .named(transactions.autoCommit(), codes)
                .map(named -> programmes.all().stream()
                        .map(p -> new Programme(
                                p.code(),
                                p.name(),
                                p.foundation(),
                                p.drugIds(),
                                p.paidCycles(),
                                p.donatedCycles(),
                                p.packsPerDonatedCycle(),
                                p.cycleDays(),
                                p.pharmacies(),
                                p.pharmacies().stream()
                                        .map(c -> named.getOrDefault(c, new AidPharmacyRepository.Named(c, null, null)))
                                        .toList(),
                                p.materials(),
                                p.code().endsWith("-DEMO")))
                        .toList())
                .map(all -> Page.slice(all, ps));
    }

    @POST
    @Path("/aid-cases")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @ResponseStatus(201)
    @APIResponse(
            responseCode = "201",
            description = "已创建 / Created",
            content = @Content(schema = @Schema(implementation = com.oncopay.assistance.AidApi.CaseView.class)))
    public Uni<CaseView> create(@Valid @NotNull AidApi.CreateCase body) {
        return opening.open(body, caller.get());
    }

    @GET
    @Path("/aid-cases")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<Page<CaseView>> list(
            @QueryParam("status") String status,
            @QueryParam("due") String due,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        AidCaseStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = AidCaseStatus.valueOf(status.strip());
            } catch (IllegalArgumentException e) {
                throw Params.invalid(
                        "status", "UNKNOWN_VALUE", "PARAM_ONE_OF", Arrays.toString(AidCaseStatus.values()));
            }
        }
        int[] ps = Page.params(page, size, 50);
        return queries.list(caller.get(), s, days("due", due), ps[0], ps[1]);
    }

    @GET
    @Path("/aid-cases/reminders")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<Page<Reminder>> reminders(
            @QueryParam("within") String within, @QueryParam("page") String page, @QueryParam("size") String size) {
        Integer d = days("within", within);
        int[] ps = Page.params(page, size, 50);
        return queries.reminders(caller.get(), d == null ? 7 : d).map(all -> Page.slice(all, ps));
    }

    @GET
    @Path("/aid-cases/{id}")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN, Roles.MEMBER})
    public Uni<CaseView> get(@PathParam("id") String id) {
        return queries.get(id, caller.get());
    }

    @PUT
    @Path("/aid-cases/{id}/materials/{kind}")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<CaseView> material(
            @PathParam("id") String id, @PathParam("kind") String kind, @Valid @NotNull AidApi.Material body) {
        return opening.material(id, kind, body, caller.get());
    }

    @POST
    @Path("/aid-cases/{id}/submit")
    @Consumes(MediaType.WILDCARD) // no body: an empty POST is no 415 whatever Content-Type it carries (#19)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<CaseView> submit(@PathParam("id") String id) {
        return opening.submit(id, caller.get());
    }

    @POST
    @Path("/aid-cases/{id}/decision")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<CaseView> decision(@PathParam("id") String id, @Valid @NotNull AidApi.Decision body) {
        return deciding.decide(id, body, caller.get());
    }

    @POST
    @Path("/aid-cases/{id}/collections")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<CaseView> collection(@PathParam("id") String id, @Valid @NotNull AidApi.Collection body) {
        return deciding.collect(id, body, caller.get());
    }

    @POST
    @Path("/aid-cases/{id}/withdraw")
    @Consumes(MediaType.WILDCARD) // no body: an empty POST is no 415 whatever Content-Type it carries (#19)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    public Uni<CaseView> withdraw(@PathParam("id") String id) {
        return deciding.withdraw(id, caller.get());
    }

    private static Integer days(String name, String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip().toLowerCase();
        return Params.integer(name, v.endsWith("d") ? v.substring(0, v.length() - 1) : v, 0, 366, null);
    }
}
