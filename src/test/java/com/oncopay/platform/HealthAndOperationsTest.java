package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndOperationsTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void readiness_is_postgresql_alone_and_redis_and_kafka_are_reported_as_wellness() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                // PostgreSQL alone (its heartbeat, over a connection outside the pool) and the start-up warm-up
                .body(
                        "checks.name",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                com.oncopay.platform.db.DatabaseReadinessCheck.NAME,
                                "Graceful Shutdown",
                                // over at once here (tests run without it); StartupWarmUpTest runs it
                                com.oncopay.platform.health.StartupWarmUp.NAME));
        // (wellness as a whole may be DOWN for another reason: the business-day calendar warns ahead of its end)
        given().when()
                .get("/q/health/well")
                .then()
                .body("checks.name", hasItems("Redis connection health check", "Kafka connection health check"))
                .body("checks.find { it.name == 'Redis connection health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"))
                .body(
                        "checks.find { it.name == 'Redis connection health check' }.data.circuitBreaker",
                        equalTo("CLOSED"));
    }

    @Test
    void liveness_is_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void ping_answers_pong_without_a_token() {
        given().when().get("/api/v1/ping").then().statusCode(200).body(equalTo("pong"));
    }

    @Test
    void prometheus_metrics_are_exposed() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("oncopay_dispatch_outbox_lag_seconds"))
                .body(containsString("oncopay_dispatch_events_published_total"))
                .body(containsString("oncopay_dispatch_live_connections"))
                .body(containsString("oncopay_redis_breaker_open 0.0"))
                .body(containsString("oncopay_redis_failed_total"))
                .body(containsString("oncopay_kafka_up"));
    }

    @Test
    void openapi_and_swagger_ui_are_published() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", containsString("OncoPay"))
                .body("paths.keySet()", hasItem("/api/v1/me"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
