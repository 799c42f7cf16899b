package com.oncopay.catalog;

import com.oncopay.catalog.domain.CatalogFormatException;
import com.oncopay.catalog.domain.CatalogParser;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Params;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The covered drug catalog: search, entries by id or list number, versions, loading. */
@Path("")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
    public static final String TSV = "text/tab-separated-values";

    private final CatalogService catalog;
    private final LoadingCatalog loading;
    private final CatalogLoader loader;
    private final CurrentCaller caller;
    private final AidProgrammeLookup programmes;
    private final CurrentIdentityAssociation identities;

    public CatalogResource(
            CatalogService catalog,
            LoadingCatalog loading,
            CatalogLoader loader,
            CurrentCaller caller,
            AidProgrammeLookup programmes,
            CurrentIdentityAssociation identities) {
        this.identities = identities;
        this.programmes = programmes;
        this.catalog = catalog;
        this.loading = loading;
        this.loader = loader;
        this.caller = caller;
    }

    /**
     * The list is public (004: 「最新版本清单以官方网站公示为准」): without a token the answer is the
     * {@link PublicDrugView}; with one, the full entry as before. Anonymous callers have a per-address limit of
     * their own (platform.ratelimit.RateLimitFilter).
     */
    @GET
    @Path("/drugs")
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "一页药品；无令牌时为公开视图 / A page of drugs; the public view without a token",
            content = @Content(schema = @Schema(anyOf = {CatalogService.SearchPage.class, PublicDrugView.Page.class})))
    public Uni<Response> search(
            @QueryParam("q") String q,
            @QueryParam("tier") String tier,
            @QueryParam("nrdl") String nrdl,
            @QueryParam("on") String on,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return catalog.search(
                        Params.text("q", q, 100),
                        Params.integer("tier", tier, 1, 3, null),
                        Params.bool("nrdl", nrdl),
                        Params.integer("page", page, 0, 100_000, 0),
                        Params.integer("size", size, 1, 200, 20),
                        date(on))
                .flatMap(r -> anonymous().map(anonymous -> {
                    List<DrugView> items =
                            r.value().items().stream().map(this::withAid).toList();
                    Object answer = anonymous
                            ? new PublicDrugView.Page(
                                    items.stream()
                                            .map(v -> PublicDrugView.of(v, catalog.rules()))
                                            .toList(),
                                    r.value().page(),
                                    r.value().size(),
                                    r.value().total(),
                                    r.value().catalogVersion())
                            : new CatalogService.SearchPage(
                                    items,
                                    r.value().page(),
                                    r.value().size(),
                                    r.value().total(),
                                    r.value().catalogVersion());
                    return Response.ok(answer)
                            .header("X-Cache", r.source().name())
                            .build();
                }));
    }

    /** Whether the request carries no token (an invalid token fails here: 401, as on any endpoint). */
    private Uni<Boolean> anonymous() {
        return identities.getDeferredIdentity().map(id -> id == null || id.isAnonymous());
    }

    /** A drug's aid programme comes from the programmes' data, not from the catalog version. */
    private DrugView withAid(DrugView v) {
        return programmes.programmeCodeFor(v.drugId()).map(v::withAidProgram).orElse(v);
    }

    @GET
    @Path("/drugs/{drugId}")
    @PermitAll
    @APIResponse(
            responseCode = "200",
            description = "药品条目；无令牌时为公开视图 / The entry; the public view without a token",
            content = @Content(schema = @Schema(anyOf = {DrugView.class, PublicDrugView.class})))
    public Uni<Response> drug(@PathParam("drugId") String drugId, @QueryParam("on") String on) {
        return catalog.drug(drugId, date(on))
                .flatMap(r -> anonymous().map(anonymous -> {
                    DrugView v = withAid(r.value());
                    return Response.ok(anonymous ? PublicDrugView.of(v, catalog.rules()) : v)
                            .header("X-Cache", r.source().name())
                            .build();
                }));
    }

    public record VersionView(
            int version,
            LocalDate effectiveFrom,
            int entryCount,
            String contentHash,
            String source,
            java.time.OffsetDateTime loadedAt,
            boolean inForce) {}

    @GET
    @Path("/catalog/versions")
    @Authenticated
    public Uni<com.oncopay.platform.web.Page<VersionView>> versions(
            @QueryParam("page") String page, @QueryParam("size") String size) {
        int[] ps = com.oncopay.platform.web.Page.params(page, size, 50);
        LocalDate today = catalog.today();
        return catalog.versions()
                .map(all -> {
                    var current = CatalogService.inForce(all, today);
                    return all.stream()
                            .map(v -> new VersionView(
                                    v.version(),
                                    v.effectiveFrom(),
                                    v.entryCount(),
                                    v.contentHash(),
                                    v.source(),
                                    v.loadedAt(),
                                    current.isPresent() && current.get().version() == v.version()))
                            .toList();
                })
                .map(list -> com.oncopay.platform.web.Page.slice(list, ps));
    }

    @POST
    @Path("/catalog/reload")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "内容未变，未建新版本 / Unchanged: no new version",
            content = @Content(schema = @Schema(implementation = Loaded.class)))
    @APIResponse(
            responseCode = "201",
            description = "已建新版本 / A new version was created",
            content = @Content(schema = @Schema(implementation = Loaded.class)))
    public Uni<Response> reload() {
        return loader.loadFromFiles(caller.get().subject())
                .onFailure(CatalogFormatException.class)
                .transform(e -> malformed((CatalogFormatException) e))
                .map(this::loaded);
    }

    @POST
    @Path("/catalog/versions")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(TSV)
    @APIResponse(
            responseCode = "200",
            description = "内容未变，未建新版本 / Unchanged: no new version",
            content = @Content(schema = @Schema(implementation = Loaded.class)))
    @APIResponse(
            responseCode = "201",
            description = "已建新版本 / A new version was created",
            content = @Content(schema = @Schema(implementation = Loaded.class)))
    public Uni<Response> upload(@QueryParam("effectiveFrom") String effectiveFrom, String body) {
        LocalDate from = Params.date("effectiveFrom", effectiveFrom, null);
        String actor = caller.get().subject();
        return Uni.createFrom()
                .item(() -> CatalogParser.parse(
                        CatalogFiles.DRUGS,
                        body == null ? "" : body,
                        from,
                        catalog.rules().ruleCodes()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(CatalogFormatException.class)
                .transform(e -> malformed((CatalogFormatException) e))
                .flatMap(s -> loading.load(s, "uploaded by " + actor, actor))
                .map(this::loaded);
    }

    /** What a load did: {@code CREATED} a new version, or {@code UNCHANGED} (the same content is in force). */
    public record Loaded(String outcome, int version, String effectiveFrom) {}

    private Response loaded(LoadingCatalog.LoadResult r) {
        return Response.status(r.created() ? 201 : 200)
                .entity(new Loaded(
                        r.created() ? "CREATED" : "UNCHANGED",
                        r.version().version(),
                        r.version().effectiveFrom().toString()))
                .build();
    }

    static ProblemException malformed(CatalogFormatException e) {
        List<Problem.FieldError> errors = e.problems().stream()
                .map(p -> new Problem.FieldError(
                        p.file() + ":" + p.line() + (p.field() == null ? "" : ":" + p.field()), "INVALID", p.message()))
                .toList();
        return new ProblemException(
                422,
                "CATALOG_MALFORMED",
                errors,
                List.of(),
                Map.of(),
                errors.size(),
                e.problems().get(0).toString());
    }

    private LocalDate date(String on) {
        return Params.date("on", on, catalog.today());
    }
}
