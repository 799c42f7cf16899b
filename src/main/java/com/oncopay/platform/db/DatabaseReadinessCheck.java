package com.oncopay.platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is PostgreSQL answering, as {@link DatabaseHeartbeat} sees it over a connection of its own: a beat came back
 * in the last 1.5 s and none failed since. It replaces the built-in checks ({@code quarkus.datasource.health.enabled=false}):
 * the reactive one asked over a pooled connection, so with every connection busy (a replica at its peak) it waited
 * for one and answered DOWN ("timed out, unable to obtain connection", after 21 s with every connection held in
 * {@code ReadinessWithEveryConnectionHeldTest}), and the replica left the Service exactly when it was busiest, sending
 * its load to the others; the JDBC one asked the pool only Flyway uses. PostgreSQL killed, refusing or frozen is still DOWN
 * within about 1.5 s ({@code DatabaseKilledFaultIT}, {@code DatabaseHeartbeatTest}).
 */
@io.quarkus.runtime.Startup // built at start, and with it the request pool and its heartbeat
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {
    public static final String NAME = "PostgreSQL";

    private final DatabaseHeartbeat heartbeat;

    /**
     * Takes the request pool so that it is built, which starts the heartbeat ({@code PoolWithTimeouts}): an engine
     * that has not yet used PostgreSQL is then ready as soon as a beat comes back.
     */
    public DatabaseReadinessCheck(DatabaseHeartbeat heartbeat, io.vertx.sqlclient.Pool pool) {
        this.heartbeat = heartbeat;
        pool.size();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(heartbeat.answering())
                .withData("askedOver", "a connection of its own, every 200 ms")
                .build();
    }
}
