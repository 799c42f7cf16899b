package com.oncopay.platform.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.security.WarmUpCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * #22: readiness waits for the start-up warm-up. The engine sent itself requests of made-up callers through its own
 * HTTP pipeline, every one answered 200, 201, 404 or 422 (a path that answers otherwise is not warmed), and none of
 * them left anything: its submissions were rehearsed (decided and stored in a transaction never committed), and no
 * prescription, member, policy, hospital, diagnosis, outbox row, audit entry or redemption failure names a warm-up
 * caller. Their tokens are
 * forgotten when it ends; a token the engine made up is refused like any unsigned one once forgotten.
 */
@QuarkusTest
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1) // a test profile restarts the application: after the others
@TestProfile(StartupWarmUpTest.WarmUpOn.class)
class StartupWarmUpTest {
    public static class WarmUpOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oncopay.warm-up.duration", "4S",
                    "oncopay.warm-up.max-duration", "9S",
                    "oncopay.warm-up.concurrency", "4");
        }
    }

    @Inject
    @org.eclipse.microprofile.health.Readiness
    StartupWarmUp warmUp;

    @Inject
    WarmUpCallers callers;

    @Inject
    MetricsScrapeWarmUp scrape;

    @Inject
    com.oncopay.platform.audit.ReadAudit reads;

    @Inject
    com.oncopay.platform.db.TransactionWarmUp transactionLane;

    @Inject
    JWTParser parser;

    @Inject
    Pool pool;

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double nearHits() {
        return registry.find("oncopay.eligibility.cache.near.lookups").counters().stream()
                .filter(c -> "hit".equals(c.getId().getTag("result")))
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    @Test
    void readiness_waits_for_a_warm_up_that_only_reads_and_forgets_its_callers() throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.currentTimeMillis() < deadline)
            Thread.sleep(100);
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", org.hamcrest.Matchers.equalTo("UP"))
                // at least its 4 s; past them while the JIT was busier than 10% of the CPU, up to its 9 s (checked
                // every 5 s)
                .body(
                        "checks.find { it.name == 'warm-up' }.data.seconds",
                        org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(4))
                                .and(org.hamcrest.Matchers.lessThanOrEqualTo(10)))
                // the relay's lane published its made-up events beside the requests (RelayWarmUpTest: where to)
                .body("checks.find { it.name == 'warm-up' }.data.laneRounds", org.hamcrest.Matchers.greaterThan(0))
                // no lane failed: the relay's, and the metrics scrape's
                .body("checks.find { it.name == 'warm-up' }.data.lanesStopped", org.hamcrest.Matchers.equalTo(0))
                // the JIT's share was measured (HotSpot tells it), so the end followed it
                .body(
                        "checks.find { it.name == 'warm-up' }.data.jitSharePercent",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(0));

        // it scraped its own metrics, as Prometheus will (the router's blocking-handler path loaded before real load)
        assertTrue(scrape.scrapes() >= 3, "one scrape a second: " + scrape.scrapes());
        // and committed real transactions that write nothing (a rehearsal commits none)
        assertTrue(transactionLane.committed() > 0, "real units committed: " + transactionLane.committed());
        Map<String, Long> answers = warmUp.answers();
        long sent = answers.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(sent > 50, "the warm-up sent requests: " + answers);
        // "failed": no answer, as the first ones get while the server does not listen yet
        assertTrue(
                Set.of("200", "201", "404", "422", "failed").containsAll(answers.keySet()),
                "only 200, 201, 404 and 422: " + answers);
        // its reads answered, and its writes were rehearsed to their 201: stored, in transactions never committed
        assertTrue(answers.containsKey("200") && answers.containsKey("201"), "reads and rehearsed writes: " + answers);
        assertEquals(0L, answers.getOrDefault("404", 0L) + answers.getOrDefault("422", 0L), "no refusal: " + answers);

        // its eligibility checks were answered from the cache (a stage put the made-up members' answers there), and
        // nothing of those members is left in Redis
        assertTrue(nearHits() > 0, "the warm-up's eligibility checks took the cached answer's path");
        assertEquals(
                java.util.List.of(),
                redis.key().keys("elig:*WARMUP-*").await().atMost(Duration.ofSeconds(10)),
                "no cached answer of a made-up member is left");

        Thread.sleep(2_500); // read audits are written within a second (ReadAudit's scheduled flush): let them land
        // its reviewer's checks took the staff read's audited path, and were left out of the log (asserted below)
        assertTrue(reads.madeUpReadsLeftOut() > 0, "the made-up reviewer's reads went through the read audit");
        for (String sql : new String[] {
            "select count(*) from prescription where member_id like 'WARMUP-%'",
            "select count(*) from member where member_id like 'WARMUP-%'",
            "select count(*) from policy where member_id like 'WARMUP-%'",
            "select count(*) from hospital where code like 'WARMUP-%'",
            "select count(*) from diagnosis where member_id like 'WARMUP-%'",
            "select count(*) from outbox where pharmacy_code like 'WARMUP-%'",
            "select count(*) from pharmacy where code like 'WARMUP-%'",
            "select count(*) from fulfilment where member_id like 'WARMUP-%'",
            "select count(*) from dispense where pharmacy_code like 'WARMUP-%'",
            "select count(*) from ledger_entry where policy_number like 'WARMUP-%'",
            "select count(*) from liability_claim where member_id like 'WARMUP-%'",
            "select count(*) from audit_log where actor like 'WARMUP-%' or object_id like 'WARMUP-%'",
            "select count(*) from redemption_failure where pharmacy_code like 'WARMUP-%'",
            "select count(*) from idempotency_key where caller like 'WARMUP-%'"
        })
            assertEquals(
                    0L,
                    pool.query(sql)
                            .execute()
                            .map(rows -> rows.iterator().next().getLong(0))
                            .await()
                            .atMost(Duration.ofSeconds(10)),
                    sql);
    }

    /** Its pharmacies' codes are well formed (else CODE_MALFORMED, before any lookup), and each the same every time. */
    @Test
    void the_warm_ups_pickup_codes_are_well_formed_and_derived_from_the_pharmacy() {
        for (String pharmacy : new String[] {"WARMUP-0A1B2C3D-PH0", "WARMUP-0A1B2C3D-PH199", "WARMUP-FFFFFFFF-PH7"}) {
            String code = com.oncopay.fulfilment.domain.PickupCode.derived(pharmacy);
            assertTrue(com.oncopay.fulfilment.domain.PickupCode.normalise(code).isPresent(), code);
            assertEquals(code, com.oncopay.fulfilment.domain.PickupCode.derived(pharmacy));
        }
        assertNotEquals(
                com.oncopay.fulfilment.domain.PickupCode.derived("WARMUP-0A1B2C3D-PH0"),
                com.oncopay.fulfilment.domain.PickupCode.derived("WARMUP-0A1B2C3D-PH1"));
    }

    @Test
    void a_made_up_caller_is_known_until_forgotten_and_then_refused_like_any_unsigned_token() throws Exception {
        WarmUpCallers.Callers made = callers.admit(1, 1, Duration.ofMinutes(1));
        JsonWebToken member = parser.parse(made.memberTokens().get(0));
        assertEquals(made.memberIds().get(0), member.getClaim("member_id"));
        assertEquals(Set.of("MEMBER"), member.getGroups());
        JsonWebToken pharmacy = parser.parse(made.pharmacyTokens().get(0));
        assertEquals(made.pharmacyIds().get(0), pharmacy.getClaim("pharmacy_id"));
        given().header("Authorization", "Bearer " + made.memberTokens().get(0))
                .when()
                .get("/api/v1/drugs?q=ai")
                .then()
                .statusCode(200);

        callers.forget(made);
        assertThrows(
                io.smallrye.jwt.auth.principal.ParseException.class,
                () -> parser.parse(made.memberTokens().get(0)));
        given().header("Authorization", "Bearer " + made.memberTokens().get(0))
                .when()
                .get("/api/v1/drugs?q=ai")
                .then()
                .statusCode(401);
    }
}
