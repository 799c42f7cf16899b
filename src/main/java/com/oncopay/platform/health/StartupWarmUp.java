package com.oncopay.platform.health;

import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.security.WarmUpCallers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness waits for a warm-up (#22). A freshly started engine made 12-40% of its warm figures in its first minute,
 * the JIT compiling on 38-45% of its CPU (bench notes 2026-12-05 cold-each): a pharmacy counter at 08:30 after a deploy
 * would meet that engine. So before it says it is ready, the engine sends itself, over loopback and through its whole
 * HTTP pipeline (token check, resources, caches, PostgreSQL, problem answers), the requests of a working day for
 * {@code oncopay.warm-up.duration}, {@code oncopay.warm-up.concurrency} at a time.
 *
 * <p>Its callers are made up ({@link WarmUpCallers}: members and pharmacies that do not exist, with tokens only this
 * process knows, forgotten when it ends), so every request only reads: an eligibility check, a prescription, a
 * fulfilment of a member that does not exist (404 after the engine's own reads), a catalog search (200), a redemption
 * refused at the counter's own check (prescription not collected: 422) before its lookup, since an unknown code's
 * lookup is recorded against the pharmacy (redemption_failure, for misuse). Nothing is written: no prescription, no
 * money, no event, no audit entry, no failed attempt. The {@link WarmUpStage}s set up what the made-up callers' requests
 * need to take real requests' paths (each made-up member's eligibility answer, in the cache), and take it away when it
 * ends: without it, every eligibility check ended at 404, and the cached answer's path was first compiled under the
 * load (bench notes 2026-12-05 cold-jit). It cannot hold the engine back: readiness says UP when the time
 * is over, whatever the requests answered, and at the latest {@link #GIVE_UP_AFTER} later if some have not come back
 * (each waits at most 5 s for its connection to say anything); the made-up callers are forgotten then too.
 */
@Readiness
@ApplicationScoped
public class StartupWarmUp implements HealthCheck {
    public static final String NAME = "warm-up";
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(StartupWarmUp.class);
    private static final int MEMBERS = 20, PHARMACIES = 200;
    /** The drug of its eligibility checks (a {@link WarmUpStage} may set their answers up). */
    public static final String ELIGIBILITY_DRUG = "D001";
    /** How long setting up or clearing its stages may take before it goes on without them. */
    static final Duration STAGE_LIMIT = Duration.ofSeconds(5);
    /** A pickup code whose check character is right, so that a redemption of it gets past the code's own check. */
    static final String WELL_FORMED_CODE = "5V37-E3S3-E28J-T972";
    /** The identity number of every made-up member: valid in form (its check digit is right), held by no one. */
    public static final String ID_NUMBER = "110101199003074578";

    /** The designated hospital of the made-up member {@code memberId} in its rehearsals (a feature writes it). */
    public static String hospitalOf(String memberId) {
        return memberId + "-H";
    }

    private static final String[] SEARCHES = {"ai", "xin", "PD", "tinib", "mab", "T"};

    private final PlatformConfig.WarmUp config;
    private final WarmUpCallers callers;
    private final Vertx vertx;
    private final java.time.Clock clock;
    private final List<WarmUpStage> stages;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private volatile boolean done;
    /** The made-up callers, from the start of the requests (the give-up timer forgets them too). */
    private volatile WarmUpCallers.Callers who;

    public StartupWarmUp(
            PlatformConfig config,
            WarmUpCallers callers,
            Vertx vertx,
            java.time.Clock clock,
            Instance<WarmUpStage> stages) {
        this.config = config.warmUp();
        this.callers = callers;
        this.vertx = vertx;
        this.clock = clock;
        this.stages = stages.stream().toList();
        this.done = this.config.duration().isZero();
    }

    /** Once the application has started (its HTTP server listens by then; requests retry until it does). */
    void onStart(@Observes StartupEvent start) {
        if (done || !started.compareAndSet(false, true)) return;
        var settings = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        boolean test = io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.TEST;
        int port = settings.getOptionalValue(test ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class)
                .orElse(test ? 8081 : 8080);
        String host =
                settings.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost")) host = "127.0.0.1";
        vertx.setTimer(config.duration().plus(GIVE_UP_AFTER).toMillis(), id -> {
            if (done) return;
            LOG.warnf(
                    "warm-up: not over %s after it began; ready without it",
                    config.duration().plus(GIVE_UP_AFTER));
            if (who != null) {
                callers.forget(who);
                clearStages(who).subscribe().with(cleared -> {});
            }
            done = true;
        });
        run(host, port);
    }

    /** Every stage's {@code set} or {@code clear}, each at most {@link #STAGE_LIMIT}; a failure is logged, not raised. */
    private Uni<Void> eachStage(Function<WarmUpStage, Uni<Void>> step, String what) {
        return Multi.createFrom()
                .iterable(stages)
                .onItem()
                .transformToUniAndMerge(stage -> step.apply(stage)
                        .ifNoItem()
                        .after(STAGE_LIMIT)
                        .fail()
                        .onFailure()
                        .invoke(e -> LOG.warnf(
                                "warm-up: %s of %s failed (%s)",
                                what, stage.getClass().getSimpleName(), e.toString()))
                        .onFailure()
                        .recoverWithNull())
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private Uni<Void> clearStages(WarmUpCallers.Callers made) {
        return eachStage(stage -> stage.clear(made), "clearing");
    }

    private void run(String host, int port) {
        Duration duration = config.duration();
        who = callers.admit(MEMBERS, PHARMACIES, duration.plus(GIVE_UP_AFTER));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(host)
                .setDefaultPort(port)
                .setMaxPoolSize(config.concurrency())
                .setKeepAlive(true)
                .setIdleTimeout(5));
        WarmUpCallers.Callers made = who;
        eachStage(stage -> stage.set(made), "setting up").subscribe().with(set -> {
            long end = System.nanoTime() + duration.toNanos();
            AtomicInteger running = new AtomicInteger(config.concurrency());
            LOG.infof("warm-up: %s of requests to itself before it says it is ready", duration);
            for (int i = 0; i < config.concurrency(); i++) next(client, end, running);
        });
    }

    private void next(HttpClient client, long end, AtomicInteger running) {
        if (System.nanoTime() >= end) {
            if (running.decrementAndGet() == 0) finish(client);
            return;
        }
        long n = sent.getAndIncrement();
        send(client, n).onComplete(r -> {
            String answer = r.succeeded() ? Integer.toString(r.result()) : "failed";
            answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
            if (r.succeeded()) next(client, end, running);
            else vertx.setTimer(100, id -> next(client, end, running)); // not listening yet, or gone: not a spin
        });
    }

    /** The {@code n}th request: the day's mix, each read-only for a caller that does not exist. Its status. */
    private Future<Integer> send(HttpClient client, long n) {
        int m = (int) (n % MEMBERS), p = (int) (n % PHARMACIES);
        String member = who.memberIds().get(m), memberToken = who.memberTokens().get(m);
        return switch ((int) (n % 5)) {
            case 0 ->
                call(
                        client,
                        HttpMethod.GET,
                        "/api/v1/members/" + member + "/eligibility?drugId=" + ELIGIBILITY_DRUG,
                        memberToken,
                        null);
            case 1 ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/prescriptions",
                        memberToken,
                        "{\"memberId\":\"" + member
                                + "\",\"drugId\":\"D002\",\"packs\":1,\"daysSupply\":21,\"prescribedOn\":\"" + today()
                                + "\",\"prescriberName\":\"预热\",\"hospitalCode\":\"" + hospitalOf(member)
                                + "\",\"diagnosisIcd10\":\"C34.9\"}");
            case 2 ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/pharmacy/redemptions",
                        who.pharmacyTokens().get(p),
                        "{\"pickupCode\":\"" + WELL_FORMED_CODE
                                + "\",\"idNumber\":\"" + ID_NUMBER + "\",\"prescriptionCollected\":false,"
                                + "\"socialInsurancePaidFen\":0}");
            case 3 ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/prescriptions/" + UUID.randomUUID() + "/fulfilment",
                        memberToken,
                        "{\"mode\":\"PICKUP\",\"pharmacyCode\":\""
                                + who.pharmacyIds().get(p) + "\"}");
            default ->
                call(
                        client,
                        HttpMethod.GET,
                        "/api/v1/drugs?q=" + SEARCHES[(int) (n % SEARCHES.length)],
                        memberToken,
                        null);
        };
    }

    /** Today in Beijing, by the business clock: the day a rehearsed prescription is written. */
    private java.time.LocalDate today() {
        return java.time.LocalDate.now(clock.withZone(com.oncopay.platform.time.ClockProducer.BUSINESS_ZONE));
    }

    private static Future<Integer> call(HttpClient client, HttpMethod method, String uri, String token, String json) {
        return client.request(method, uri)
                .compose(req -> {
                    req.putHeader("Authorization", "Bearer " + token);
                    if (json == null) return req.send();
                    req.putHeader("Content-Type", "application/json");
                    return req.send(Buffer.buffer(json));
                })
                .compose(resp -> resp.body().map(body -> resp.statusCode()));
    }

    private void finish(HttpClient client) {
        callers.forget(who);
        client.close();
        clearStages(who).subscribe().with(cleared -> report());
    }

    private void report() {
        Map<String, Long> seen = answers();
        // "failed": no answer (the first ones, before the server listens)
        boolean expected = seen.keySet().stream()
                .allMatch(k ->
                        k.equals("200") || k.equals("201") || k.equals("404") || k.equals("422") || k.equals("failed"));
        if (expected) LOG.infof("warm-up: %d requests, answered %s; ready", sent.get(), seen);
        else
            LOG.warnf(
                    "warm-up: %d requests, answered %s (not only 200, 201, 404, 422: the warm-up missed paths); ready",
                    sent.get(), seen);
        done = true;
    }

    /** The answers so far, by status ({@code failed}: no answer). */
    Map<String, Long> answers() {
        Map<String, Long> seen = new TreeMap<>();
        answers.forEach((k, v) -> seen.put(k, v.sum()));
        return seen;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(done)
                .withData("requests", sent.get())
                .build();
    }
}
