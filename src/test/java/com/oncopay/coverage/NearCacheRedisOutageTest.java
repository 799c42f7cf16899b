package com.oncopay.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TcpFault;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * #22: when Redis goes away the near cache stops answering at once (no invalidation could reach it) and the
 * answers come from PostgreSQL ({@code X-Cache: BYPASS}), a change made meanwhile included; when Redis is back
 * the near cache starts empty. When Redis hangs instead (its connections open, nothing answered, nothing closed),
 * the near cache stops answering when its lease runs out. Redis sits behind a proxy that the test cuts or freezes.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 2) // a test profile restarts the application: after the default-profile classes
@TestProfile(NearCacheRedisOutageTest.RedisBehindAProxy.class)
class NearCacheRedisOutageTest {
    static final String CONTROL = "oncopay-test.redis-fault-control";

    public static class RedisBehindAProxy implements QuarkusTestProfile {
        private static TcpFault proxy;

        @Override
        public Map<String, String> getConfigOverrides() {
            String hosts = System.getProperty("quarkus.redis.hosts", "redis://127.0.0.1:6379/1");
            try {
                synchronized (RedisBehindAProxy.class) {
                    if (proxy == null) proxy = TcpFault.proxy("127.0.0.1", 6379);
                }
                return Map.of(
                        "quarkus.redis.hosts",
                        hosts.replace("127.0.0.1:6379", "127.0.0.1:" + proxy.port()),
                        CONTROL,
                        Integer.toString(proxy.controlPort()),
                        "oncopay.redis.breaker-window",
                        "4",
                        "oncopay.redis.breaker-delay",
                        "2S",
                        "oncopay.redis.call-timeout",
                        "250MS",
                        // no rate limit: its Redis call on every request would open the breaker, and the freeze
                        // test must see the near cache stop on its own lease
                        "oncopay.rate-limit.requests-per-window",
                        "0");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void redis(String cmd) throws IOException {
        TcpFault.command(ConfigProvider.getConfig().getValue(CONTROL, Integer.class), cmd);
    }

    private static Response eligibility(String memberId) {
        Response r = given().header("Authorization", TestTokens.bearer(TestTokens.member(memberId)))
                .when()
                .get("/api/v1/members/" + memberId + "/eligibility?drugId=D002&on=2026-11-23");
        r.then().statusCode(200);
        return r;
    }

    /** Computed (MISS), kept in Redis (HIT), then in this replica's memory (NEAR), eligible throughout. */
    private static void inTheNearCache(String memberId) {
        eligibility(memberId).then().header("X-Cache", "MISS").body("eligible", equalTo(true));
        eligibility(memberId).then().header("X-Cache", "HIT").body("eligible", equalTo(true));
        eligibility(memberId).then().header("X-Cache", "NEAR").body("eligible", equalTo(true));
    }

    @Test
    void with_redis_gone_the_near_cache_does_not_answer_and_a_change_is_seen_at_once() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        inTheNearCache(m.memberId());

        redis("cut");
        try {
            Thread.sleep(200); // the engine sees its Redis connections closed
            for (int i = 0; i < 6; i++) {
                Response r = eligibility(m.memberId());
                assertNotEquals("NEAR", r.header("X-Cache"), "answered from memory with Redis gone (read " + i + ")");
                r.then().body("eligible", equalTo(true));
            }
            // a change while Redis is gone: its invalidation cannot be published, and nothing stale is answered
            given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                    .contentType("application/json")
                    .body("{\"reason\":\"经核实申请人并非被保险人本人\"}")
                    .when()
                    .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                    .then()
                    .statusCode(201);
            eligibility(m.memberId()).then().header("X-Cache", "BYPASS").body("eligible", equalTo(false));
        } finally {
            redis("restore");
        }
        // back: the near cache starts empty (what it held was dropped with the subscription)
        long deadline = System.nanoTime() + 20_000_000_000L;
        String first = "BYPASS";
        while ("BYPASS".equals(first) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            first = eligibility(m.memberId()).header("X-Cache");
        }
        assertNotEquals("BYPASS", first, "Redis is used again");
        assertNotEquals("NEAR", first, "the near cache came back empty");
        assertEquals(true, java.util.List.of("MISS", "HIT").contains(first), first);
    }

    @Test
    void with_redis_frozen_the_near_cache_stops_answering_when_its_lease_runs_out() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        inTheNearCache(m.memberId());

        redis("freeze");
        long frozen = System.nanoTime(), lastNear = -1;
        try {
            // the lease is 2 s from the last heartbeat heard, at the latest one that was on its way at the freeze:
            // from memory for at most about 2 s (the rest of the 5 s from Redis or PostgreSQL)
            while (System.nanoTime() - frozen < 5_000_000_000L) {
                long started = System.nanoTime();
                Response r = eligibility(m.memberId());
                r.then().body("eligible", equalTo(true));
                if ("NEAR".equals(r.header("X-Cache"))) lastNear = (started - frozen) / 1_000_000;
                Thread.sleep(50);
            }
        } finally {
            redis("thaw");
        }
        assertEquals(true, lastNear < 2_500, "answered from memory " + lastNear + " ms after Redis froze");
        assertEquals(true, lastNear >= 0, "answered from memory right after the freeze (the lease had not run out)");

        // thawed: heartbeats are heard again and the near cache answers again
        long deadline = System.nanoTime() + 20_000_000_000L;
        String source = "";
        while (!"NEAR".equals(source) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            source = eligibility(m.memberId()).header("X-Cache");
        }
        assertEquals("NEAR", source, "the near cache answers again once Redis answers");
    }
}
