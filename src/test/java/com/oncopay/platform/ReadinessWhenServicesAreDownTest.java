package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TcpFault;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * #21 items 2 and 4: Redis frozen (it accepts connections and never answers, as under SIGSTOP) and Kafka
 * unreachable. Readiness is PostgreSQL alone and stays UP; Redis and Kafka are DOWN in wellness; nothing
 * waits on Redis: every call has its own time limit, the circuit breaker opens, eligibility is computed
 * from PostgreSQL ({@code X-Cache: BYPASS}) and the rate limit fails open, counted, with one WARN line.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE) // test profiles restart the application: they run after all default-profile classes
@TestProfile(ReadinessWhenServicesAreDownTest.FrozenRedisAndUnreachableKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessWhenServicesAreDownTest {

    /** A Redis that accepts connections and never answers (started here: see DatabaseOutageTest's profile). */
    public static class FrozenRedisAndUnreachableKafka implements QuarkusTestProfile {
        private static TcpFault frozenRedis;

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                synchronized (FrozenRedisAndUnreachableKafka.class) {
                    if (frozenRedis == null) frozenRedis = TcpFault.blackHole();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // Port 9 (discard) is closed on these machines: connections are refused at once.
            return Map.of(
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + frozenRedis.port(),
                    "kafka.bootstrap.servers", "127.0.0.1:9",
                    "oncopay.rate-limit.requests-per-window", "5",
                    // the breaker decides over 4 calls here (20 by default), so that it opens within the test
                    "oncopay.redis.breaker-window", "4",
                    "oncopay.redis.breaker-delay", "1M",
                    // the production time limit (the test profile gives a cold, loaded test JVM more)
                    "oncopay.redis.call-timeout", "250MS");
            // (the rate limit fails open: more than 5 requests below still pass)
        }
    }

    @Test
    @Order(1)
    void readiness_is_up_on_postgresql_alone_and_wellness_reports_redis_and_kafka_down() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                com.oncopay.platform.db.DatabaseReadinessCheck.NAME,
                                "Graceful Shutdown",
                                // over at once here (tests run without it); StartupWarmUpTest runs it
                                com.oncopay.platform.health.StartupWarmUp.NAME));
        var well = given().when()
                .get("/q/health/well")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .extract()
                .jsonPath();
        assertEquals("DOWN", well.getString("checks.find { it.name == 'Redis connection health check' }.status"));
        assertEquals("DOWN", well.getString("checks.find { it.name == 'Kafka connection health check' }.status"));
    }

    @Test
    @Order(2)
    void liveness_stays_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(3)
    void with_redis_frozen_nothing_waits_on_it() throws IOException {
        long logFrom = DatabaseOutageTest.logSize();
        String token = TestTokens.bearer(TestTokens.member("m-redis-down"));
        for (int i = 0; i < 8; i++) {
            long started = System.nanoTime();
            given().header("Authorization", token)
                    .when()
                    .get("/api/v1/me")
                    .then()
                    .statusCode(200);
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 1500, "a request waited " + ms + " ms on a frozen Redis");
        }
        // eligibility is computed from PostgreSQL and says so; Redis is not waited on
        String member = TestTokens.bearer(TestTokens.member("DEMO-M001"));
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            given().header("Authorization", member)
                    .when()
                    .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2026-11-23")
                    .then()
                    .statusCode(200)
                    .header("X-Cache", "BYPASS")
                    .body("eligible", equalTo(true));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 1500, "an eligibility check waited " + ms + " ms on a frozen Redis");
        }
        // the catalog is read from PostgreSQL when its Redis cache cannot be asked
        given().header("Authorization", token)
                .when()
                .get("/api/v1/drugs?q=krd")
                .then()
                .statusCode(200)
                .header("X-Cache", "MISS")
                .body("items[0].brandName", equalTo("可瑞达"));
        // writes that invalidate the cache after their commit do not wait either (a policy and a diagnosis)
        long started = System.nanoTime();
        Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms < 3000, "a policy and a diagnosis took " + ms + " ms");

        // the breaker is open, the skips are counted, and each degradation was logged once
        given().when()
                .get("/q/health/well")
                .then()
                .body(
                        "checks.find { it.name == 'Redis connection health check' }.data.circuitBreaker",
                        equalTo("OPEN"));
        String metrics = Fixtures.metrics();
        assertTrue(metrics.contains("oncopay_redis_breaker_open 1.0"), "breaker open in the metrics");
        java.util.regex.Matcher skipped = java.util.regex.Pattern.compile(
                        "(?m)^oncopay_rate_limit_skipped_total ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(skipped.find() && Double.parseDouble(skipped.group(1)) >= 8, "skips counted");
        List<String> logged = DatabaseOutageTest.logSince(logFrom);
        assertEquals(
                1,
                logged.stream()
                        .filter(l -> l.contains("Rate limit not applied, Redis could not be asked"))
                        .count(),
                "one WARN a minute");
        assertTrue(
                logged.stream().filter(l -> l.contains("circuit breaker open")).count() <= 1,
                "at most one WARN a minute");
    }
}
