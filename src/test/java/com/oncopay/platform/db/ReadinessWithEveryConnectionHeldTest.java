package com.oncopay.platform.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A replica whose every pooled connection is busy is busy, not broken: readiness stays UP (PostgreSQL answers its
 * heartbeat over a connection of its own), while a request that needs a connection waits the acquisition timeout and
 * is answered 503 {@code ENGINE_BUSY}, whether it runs a unit of work or single statements on the pool. The built-in readiness check asked over a pooled connection: here it waited past
 * the timeout and took the replica out of the Service at its busiest.
 */
@QuarkusTest
class ReadinessWithEveryConnectionHeldTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int maxSize;

    @Test
    void with_every_pooled_connection_held_readiness_stays_up_and_requests_are_engine_busy() {
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < maxSize; i++)
                held.add(pool.getConnection().await().atMost(WAIT));
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == '" + DatabaseReadinessCheck.NAME + "' }.status", equalTo("UP"));
            // a unit of work (its own connection, with the acquisition timeout) and a single statement on the pool
            // (which the pool itself would queue without a time limit: platform.db.BoundedWaitClient)
            for (String path : new String[] {
                "/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2020-02-02",
                "/api/v1/members/DEMO-M001/fulfilments"
            }) {
                long started = System.nanoTime();
                given().header("Authorization", TestTokens.bearer(TestTokens.member("DEMO-M001")))
                        .when()
                        .get(path)
                        .then()
                        .statusCode(503)
                        .header("Retry-After", "1")
                        .body("code", equalTo("ENGINE_BUSY"));
                long ms = (System.nanoTime() - started) / 1_000_000;
                // the acquisition timeout (1 s) for each of the request's units, and a busy test machine
                assertTrue(ms < 10_000, path + " answered after " + ms + " ms");
            }
        } finally {
            held.forEach(c -> c.close().await().atMost(WAIT));
        }
        given().header("Authorization", TestTokens.bearer(TestTokens.member("DEMO-M001")))
                .when()
                .get("/api/v1/members/DEMO-M001/fulfilments")
                .then()
                .statusCode(200);
    }
}
