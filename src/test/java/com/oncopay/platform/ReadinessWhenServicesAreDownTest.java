package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness goes DOWN and names the service when Redis or Kafka cannot be reached; PostgreSQL stays UP. */
@QuarkusTest
@org.junit.jupiter.api.Order(
        Integer.MAX_VALUE) // test profiles restart the application: they run after all default-profile classes
@TestProfile(ReadinessWhenServicesAreDownTest.UnreachableRedisAndKafka.class)
class ReadinessWhenServicesAreDownTest {

    public static class UnreachableRedisAndKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) is closed on these machines: connections are refused at once.
            return Map.of(
                    "quarkus.redis.hosts", "redis://127.0.0.1:9",
                    "kafka.bootstrap.servers", "127.0.0.1:9",
                    "oncopay.rate-limit.requests-per-window", "5");
            // (the rate limit fails open: more than 5 requests below still pass)
        }
    }

    @Test
    void readiness_is_down_and_reports_each_service() {
        var body = given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .extract()
                .jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(
                "UP",
                body.getString("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "DOWN", body.getString("checks.find { it.name == 'Redis connection health check' }.status"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "DOWN", body.getString("checks.find { it.name == 'Kafka connection health check' }.status"));
    }

    @Test
    void liveness_stays_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void with_redis_down_requests_are_still_served_and_the_rate_limit_fails_open() throws java.io.IOException {
        String token = com.oncopay.support.TestTokens.bearer(com.oncopay.support.TestTokens.member("m-redis-down"));
        for (int i = 0; i < 8; i++) {
            given().header("Authorization", token)
                    .when()
                    .get("/api/v1/me")
                    .then()
                    .statusCode(200);
        }
        // … and says so: counted, and one WARN line for the minute however many requests passed unlimited
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        java.util.regex.Matcher skipped = java.util.regex.Pattern.compile(
                        "(?m)^oncopay_rate_limit_skipped_total ([0-9.E]+)")
                .matcher(metrics);
        org.junit.jupiter.api.Assertions.assertTrue(
                skipped.find() && Double.parseDouble(skipped.group(1)) >= 8, "skips counted");
        long warnings;
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("target/quarkus-test.log"))) {
            warnings = lines.filter(l -> l.contains("Rate limit not applied, Redis could not be asked"))
                    .count();
        }
        org.junit.jupiter.api.Assertions.assertEquals(1, warnings, "at most one WARN a minute");
        // the catalog is read from PostgreSQL when its Redis cache is unreachable
        given().header("Authorization", token)
                .when()
                .get("/api/v1/drugs?q=krd")
                .then()
                .statusCode(200)
                .header("X-Cache", "MISS")
                .body("items[0].brandName", equalTo("可瑞达"));
        // eligibility is computed from PostgreSQL when Redis is down: 200, never 500
        String member = com.oncopay.support.TestTokens.bearer(com.oncopay.support.TestTokens.member("DEMO-M001"));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", member)
                    .when()
                    .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2026-11-23")
                    .then()
                    .statusCode(200)
                    .header("X-Cache", "MISS")
                    .body("eligible", equalTo(true));
        }
    }
}
