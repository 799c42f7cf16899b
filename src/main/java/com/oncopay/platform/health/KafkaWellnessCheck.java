package com.oncopay.platform.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka's health with a short, bounded timeout (the built-in check waits for the admin
 * client's 60 s default, which outlives any probe). Non-blocking: the admin client's
 * future is adapted to a {@link Uni}. A wellness check ({@code /q/health/well}), never readiness:
 * events wait in the outbox while Kafka is away, so a broker outage must not take the pods out of
 * the Service. The outbox relay asks it before each round; {@code oncopay_kafka_up} is its last answer.
 */
@io.quarkus.runtime.Startup // its metrics exist from the start
@Wellness
@ApplicationScoped
public class KafkaWellnessCheck implements AsyncHealthCheck {
    public static final String NAME = "Kafka connection health check";

    private final String bootstrap;
    private final Duration timeout;
    private volatile AdminClient admin;

    private volatile boolean up;

    public KafkaWellnessCheck(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "oncopay.kafka.health-timeout", defaultValue = "2S") Duration timeout,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        io.micrometer.core.instrument.Gauge.builder("oncopay.kafka.up", this, k -> k.up ? 1 : 0)
                .description(
                        "1 when the last Kafka health check (outbox relay round or /q/health/well) found a broker, else 0")
                .register(meters);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int ms = (int) timeout.toMillis();
        return Uni.createFrom()
                .item(this::admin)
                .flatMap(a -> Uni.createFrom()
                        .completionStage(a.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                                .nodes()
                                .toCompletionStage()))
                .map(nodes -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData(
                                "nodes",
                                nodes.stream()
                                        .map(n -> n.host() + ":" + n.port())
                                        .collect(Collectors.joining(",")))
                        .build())
                .invoke(r -> up = true)
                .ifNoItem()
                .after(timeout.plusMillis(500))
                .fail()
                .onFailure()
                .recoverWithItem(e -> {
                    up = false;
                    return HealthCheckResponse.named(NAME)
                            .down()
                            .withData("reason", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()))
                            .build();
                });
    }

    private AdminClient admin() {
        AdminClient a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    int ms = (int) timeout.toMillis();
                    admin = AdminClient.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            AdminClientConfig.CLIENT_ID_CONFIG, "oncopay-health",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 1000),
                            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        AdminClient a = admin;
        if (a != null) a.close(Duration.ofSeconds(1));
    }
}
