package com.oncopay.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oncopay.catalog.CatalogLoader;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Loads the demo data set ({@code demo/demo-data.json}: fictitious DEMO- products,
 * hospitals, pharmacies, members, policies and diagnoses) through the same services and
 * validation as the API, marking every row {@code demo}. Only when
 * {@code oncopay.coverage.demo-data} is true (dev and test profiles); idempotent. Its dates are
 * placed relative to the day the engine starts ({@link DemoPlacement}), so the demo works on any day.
 */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final Caller SYSTEM = new Caller("demo-data", Set.of("ADMIN"), null, null, null);

    private final ReferenceDataService service;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final boolean enabled;
    private final DemoPlacement placement;
    private final Clock clock;
    private final Vertx vertx;

    public DemoData(
            ReferenceDataService service,
            ObjectMapper mapper,
            Validator validator,
            CoverageConfig config,
            DemoPlacement placement,
            Clock clock,
            Vertx vertx) {
        this.service = service;
        this.mapper = mapper;
        this.validator = validator;
        this.enabled = config.demoData();
        this.placement = placement;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** After the catalog (pharmacy prices refer to it). */
    void onStart(@Observes @Priority(CatalogLoader.STARTUP_PRIORITY + 1) StartupEvent event) throws IOException {
        if (!enabled) return;
        LocalDate today = LocalDate.now(clock);
        int created =
                placeFor(today).await().atMost(Duration.ofMinutes(1)); // start-up, main thread: waiting is intended
        LOG.infof("Demo data: %d new rows (codes start with DEMO-), dates placed for %s", created, today);
    }

    /** Places the demo data set for {@code today}: stored demo rows are moved, missing ones created with moved dates. */
    public Uni<Integer> placeFor(LocalDate today) throws IOException {
        JsonNode doc;
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("demo/demo-data.json")) {
            doc = mapper.readTree(in);
        }
        long shift = DemoPlacement.shift(LocalDate.parse(doc.get("placedFor").asText()), today);
        for (JsonNode p : doc.get("policies")) move((ObjectNode) p, shift, "effectiveDate", "expiryDate");
        for (JsonNode d : doc.get("diagnoses")) move((ObjectNode) d, shift, "diagnosedOn");
        Uni<Integer> created = load(doc);
        return placement.moveStoredRowsTo(shift).flatMap(moved -> onVertxContext(created));
    }

    /**
     * The reference-data use cases run Hibernate Reactive, which needs a safe duplicated Vert.x
     * context; start-up and tests call from threads without one, and the placement's own result
     * arrives on the event loop.
     */
    private <T> Uni<T> onVertxContext(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> work.subscribe().with(emitter::complete, emitter::fail));
        });
    }

    private static void move(ObjectNode node, long days, String... fields) {
        for (String f : fields) {
            if (node.hasNonNull(f))
                node.put(f, LocalDate.parse(node.get(f).asText()).plusDays(days).toString());
        }
    }

    private Uni<Integer> load(JsonNode doc) throws IOException {
        List<Uni<Boolean>> steps = new ArrayList<>();
        for (JsonNode n : doc.get("products"))
            steps.add(step(n, CoverageApi.ProductRequest.class, r -> service.createProduct(r, SYSTEM, true)));
        for (JsonNode n : doc.get("hospitals"))
            steps.add(step(n, CoverageApi.HospitalRequest.class, r -> service.createHospital(r, SYSTEM, true)));
        for (JsonNode n : doc.get("pharmacies"))
            steps.add(step(n, CoverageApi.PharmacyRequest.class, r -> service.createPharmacy(r, SYSTEM, true)));
        for (JsonNode n : doc.get("policies"))
            steps.add(step(n, CoverageApi.PolicyRequest.class, r -> service.createPolicy(r, SYSTEM, true)));
        for (JsonNode n : doc.get("diagnoses")) {
            String member = n.get("memberId").asText();
            steps.add(step(
                    ((ObjectNode) n).deepCopy().without("memberId"),
                    CoverageApi.DiagnosisRequest.class,
                    r -> service.diagnosesOf(member)
                            .flatMap(count -> count > 0
                                    ? Uni.createFrom().nullItem()
                                    : service.recordDiagnosis(member, r, SYSTEM))));
        }
        // one after the other: policies need products, diagnoses need members and hospitals
        return Multi.createFrom()
                .iterable(steps)
                .onItem()
                .transformToUniAndConcatenate(u -> u)
                .collect()
                .asList()
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count());
    }

    private <T> Uni<Boolean> step(JsonNode node, Class<T> type, Function<T, Uni<?>> create) throws IOException {
        T request = mapper.treeToValue(node, type);
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) throw new IllegalStateException("demo data invalid: " + violations);
        return Uni.createFrom()
                .deferred(() -> create.apply(request))
                .map(x -> x != null)
                .onFailure(e -> e instanceof Refused r && r.code().equals("ALREADY_EXISTS"))
                .recoverWithItem(false);
    }
}
