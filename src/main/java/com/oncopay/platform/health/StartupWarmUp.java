package com.oncopay.platform.health;

import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.security.WarmUpCallers;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * HTTP pipeline, the requests of a working day, in two lanes (reads, writes) of {@code oncopay.warm-up.concurrency} at
 * a time, and runs the features' {@link WarmUpLane}s beside them (the relay's Kafka producer): for at least {@code
 * oncopay.warm-up.duration}, then while the JIT is still busy, up to {@code max-duration} ({@link WarmUpTimer}).
 *
 * <p>Its callers are made up ({@link WarmUpCallers}: members, pharmacies and a reviewer that do not exist, with tokens
 * only this process knows, forgotten when it ends). Its reads (an eligibility check, by the member or by the reviewer,
 * whose read is queued for the audit log as a staff read is and left out when written; a catalog search) read; its
 * writes (a prescription, the choice of a pharmacy, a redemption at the counter) are rehearsals ({@link
 * com.oncopay.platform.db.Rehearsal}): each takes a real write's whole path to its 201 in a transaction never committed,
 * after the rows it needs ({@link com.oncopay.platform.db.RehearsalFixtures}), and leaves nothing: no prescription, no
 * money, no event, no audit entry, no metric of money. The {@link WarmUpStage}s set up what the reads need to take real
 * requests' paths (each made-up member's eligibility answer, in the cache), and take it away when it ends. It cannot
 * hold the engine back: readiness says UP when the time is over, whatever the requests answered, and at the latest
 * {@link #GIVE_UP_AFTER} later if some have not come back (each waits at most 5 s for its connection to say anything);
 * the made-up callers are forgotten then too.
 */
@Readiness
@ApplicationScoped
public class StartupWarmUp implements HealthCheck {
    public static final String NAME = "warm-up";
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(StartupWarmUp.class);
    /** How long setting up or clearing its stages may take before it goes on without them. */
    static final Duration STAGE_LIMIT = Duration.ofSeconds(5);

    private final PlatformConfig.WarmUp config;
    private final WarmUpCallers callers;
    private final Vertx vertx;
    private final WarmUpRequests requests;
    private final List<WarmUpStage> stages;
    private final List<WarmUpLane> lanes;
    private final WarmUpLaneRunner laneRunner;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private volatile boolean done;
    private final WarmUpTimer timer;
    /** The made-up callers, from the start of the requests (the give-up timer forgets them too). */
    private volatile WarmUpCallers.Callers who;

    public StartupWarmUp(
            PlatformConfig config,
            WarmUpCallers callers,
            Vertx vertx,
            java.time.Clock clock,
            Instance<WarmUpStage> stages,
            Instance<WarmUpLane> lanes,
            Instance<WarmUpPickupCodes> codes) {
        this.config = config.warmUp();
        this.callers = callers;
        this.vertx = vertx;
        this.requests = new WarmUpRequests(clock, codes.isResolvable() ? codes.get() : pharmacy -> "NONE");
        this.stages = stages.stream().toList();
        this.lanes = lanes.stream().toList();
        this.laneRunner = new WarmUpLaneRunner(vertx);
        this.done = this.config.duration().isZero();
        this.timer = new WarmUpTimer(
                new WarmUpEnd(this.config.duration(), this.config.maxDuration(), this.config.settledJitShare()), vertx);
    }

    /** Once the application has started (its HTTP server listens by then; requests retry until it does). */
    void onStart(@Observes StartupEvent start) {
        if (done || !started.compareAndSet(false, true)) return;
        Loopback self = Loopback.http(org.eclipse.microprofile.config.ConfigProvider.getConfig());
        vertx.setTimer(timer.end().most().plus(GIVE_UP_AFTER).toMillis(), id -> {
            if (done) return;
            LOG.warnf(
                    "warm-up: not over %s after it began; ready without it",
                    timer.end().most().plus(GIVE_UP_AFTER));
            if (who != null) {
                callers.forget(who);
                clearStages(who).subscribe().with(cleared -> {});
            }
            done = true;
        });
        run(self);
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

    private void run(Loopback self) {
        who = callers.admit(
                WarmUpRequests.MEMBERS,
                WarmUpRequests.PHARMACIES,
                timer.end().most().plus(GIVE_UP_AFTER));
        HttpClient client = self.client(vertx, 2 * config.concurrency());
        WarmUpCallers.Callers made = who;
        eachStage(stage -> stage.set(made), "setting up").subscribe().with(set -> {
            timer.start();
            AtomicInteger running = new AtomicInteger(2 * config.concurrency() + lanes.size());
            LOG.infof(
                    "warm-up: requests to itself before it says it is ready, %d to %d s (until the JIT holds at most"
                            + " %.0f%% of the CPU)",
                    timer.end().least().toSeconds(),
                    timer.end().most().toSeconds(),
                    100 * timer.end().settled());
            // two lanes, each of concurrency() requests in flight: the reads, fast, and the writes, each a rehearsal
            // that waits on PostgreSQL; in one lane the writes held back the reads to a sixth of their number
            AtomicLong reads = new AtomicLong(), writes = new AtomicLong();
            // a lane has ended: the last one to end finishes the warm-up
            Runnable ended = () -> {
                if (running.decrementAndGet() == 0) finish(client);
            };
            for (int i = 0; i < config.concurrency(); i++) {
                next(ended, n -> requests.read(client, made, n), reads);
                next(ended, n -> requests.write(client, made, n), writes);
            }
            laneRunner.start(lanes, timer::over, ended);
        });
    }

    private void next(Runnable ended, java.util.function.LongFunction<Future<Integer>> lane, AtomicLong counter) {
        if (timer.over()) {
            ended.run();
            return;
        }
        sent.incrementAndGet();
        lane.apply(counter.getAndIncrement()).onComplete(r -> {
            String answer = r.succeeded() ? Integer.toString(r.result()) : "failed";
            answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
            if (r.succeeded()) next(ended, lane, counter);
            else vertx.setTimer(100, id -> next(ended, lane, counter)); // not listening yet: no spin
        });
    }

    private void finish(HttpClient client) {
        timer.stopped();
        callers.forget(who);
        client.close();
        clearStages(who).subscribe().with(cleared -> report());
    }

    private void report() {
        Map<String, Long> seen = answers();
        // "failed": no answer (the first ones, before the server listens)
        boolean expected =
                seen.keySet().stream().allMatch(k -> k.equals("200") || k.equals("201") || k.equals("failed"));
        String what = String.format(
                "warm-up: %d requests, answered %s, in %d s (the JIT on %s of the engine's CPU in its last %d s)",
                sent.get(),
                seen,
                timer.lasted().toSeconds(),
                // not measured: the warm-up ended before its first check, or the JVM does not say
                Double.isNaN(timer.jitShare()) ? "an unmeasured share" : Math.round(100 * timer.jitShare()) + "%",
                WarmUpTimer.CHECK_EVERY.toSeconds());
        if (laneRunner.stopped() > 0)
            LOG.warnf(
                    "warm-up: %d of its lanes stopped after %d rounds, the last on %s (a colder path, nothing else)",
                    laneRunner.stopped(),
                    laneRunner.rounds(),
                    laneRunner.lastFailure().toString());
        if (expected) LOG.infof("%s; ready", what);
        else LOG.warnf("%s (not only 200 and 201: the warm-up missed paths); ready", what);
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
        var response = HealthCheckResponse.named(NAME)
                .status(done)
                .withData("requests", sent.get())
                .withData("seconds", timer.lasted().toSeconds())
                .withData("laneRounds", laneRunner.rounds())
                .withData("lanesStopped", laneRunner.stopped());
        // the JIT's share of the engine's CPU in the warm-up's last 5 s, when the JVM tells it
        if (!Double.isNaN(timer.jitShare())) response.withData("jitSharePercent", Math.round(100 * timer.jitShare()));
        return response.build();
    }
}
