package com.oncopay.platform.health;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The warm-up's metrics scrape (#22): once a second, what Prometheus does, the engine reads its own metrics from its
 * management interface, as a {@link WarmUpLane} beside the requests. The first scrape of a fresh engine loads the web
 * router's blocking-handler classes (a second implementation of its routing context) and the metrics' text format:
 * under the first real load, the JIT then threw away every compiled routing method that had assumed one
 * implementation, 22 in a cold submission's first 20 s (bench notes 2026-12-06 first-load). It reads metrics only,
 * which name no one; a round that is not answered 200 ends the lane.
 */
@ApplicationScoped
public class MetricsScrapeWarmUp implements WarmUpLane {
    /** The pause after each scrape: the benchmark's sampler's pace (Prometheus scrapes every 15-60 s). */
    static final Duration PAUSE = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Loopback management;
    private final String path;
    private final java.util.concurrent.atomic.LongAdder scrapes = new java.util.concurrent.atomic.LongAdder();
    private volatile HttpClient client;

    public MetricsScrapeWarmUp(Vertx vertx) {
        this.vertx = vertx;
        var config = ConfigProvider.getConfig();
        this.management = Loopback.management(config);
        this.path = config.getOptionalValue("quarkus.micrometer.export.prometheus.path", String.class)
                .map(p -> p.startsWith("/") ? p : "/q/" + p)
                .orElse("/q/metrics");
    }

    @Override
    public Uni<Void> round() {
        return Uni.createFrom()
                .completionStage(() -> client().request(HttpMethod.GET, path)
                        // as Prometheus asks; a request with no header at all failed in the client's tracing
                        // (Vert.x hands the tracer a null header map: NullPointerException on MultiMap.entries())
                        .compose(request ->
                                request.putHeader("Accept", "text/plain").send())
                        .compose(response -> response.body().map(body -> response.statusCode()))
                        .toCompletionStage())
                .flatMap(status -> status == 200
                        ? Uni.createFrom().voidItem().invoke(scrapes::increment)
                        : Uni.createFrom().failure(new IllegalStateException("metrics answered " + status)))
                .onItem()
                .delayIt()
                .by(PAUSE);
    }

    /** Scrapes answered 200 so far. */
    long scrapes() {
        return scrapes.sum();
    }

    @Override
    public void ended() {
        HttpClient c = client;
        client = null;
        if (c != null) c.close();
    }

    private HttpClient client() {
        if (client == null) client = management.client(vertx, 1);
        return client;
    }
}
