package com.oncopay.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.faults.ScenarioApi.Answer;
import com.oncopay.faults.ScenarioData.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * #21 scenario 10: two engine replicas on two ports against the same PostgreSQL, Redis and Kafka, called
 * round-robin. One code redeemed concurrently through both is redeemed once; the rate limit is one budget across
 * both; and (last, since it kills a replica) the outbox relay works one replica at a time, an SSE stream on either
 * replica gets every event exactly once and in order, and when the relaying replica is SIGKILLed the other one
 * takes over within seconds (RelayFailover).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasFaultIT {
    static final String PHARMACY = "DEMO-PH-BJ-01";
    /** The general per-caller limit both replicas run with; every other caller here has a subject of its own. */
    static final int LIMIT = 30;

    EngineProcess one, two;
    ScenarioApi api;
    final Map<String, String> figures = new TreeMap<>();

    @BeforeAll
    void twoReplicas() throws Exception {
        SharedServices.freshStart();
        List<String> props = SharedServices.props(
                "-Doncopay.rate-limit.requests-per-window=" + LIMIT,
                "-Doncopay.rate-limit.window=1M",
                "-Doncopay.dispatch.heartbeat=15S");
        // the first migrates the fresh database; the second starts on it
        one = EngineProcess.start("replica-1", SharedServices.env(), props);
        two = EngineProcess.start("replica-2", SharedServices.env(), props);
        api = new ScenarioApi(one.baseUrl(), two.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (!figures.isEmpty()) SharedServices.report("two-replicas", String.join("; ", figures.values()));
        } finally {
            if (one != null) one.close();
            if (two != null) two.close();
            SharedServices.closeDb();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void one_code_redeemed_concurrently_through_both_replicas_is_redeemed_once() throws Exception {
        int codes = 4, attempts = 16;
        List<Code> made = ScenarioData.pickupCodes(api, codes, PHARMACY, "D001");
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Integer> winners = new TreeMap<>();
        for (Code c : made) {
            List<CompletableFuture<Answer>> race = new ArrayList<>();
            for (int i = 0; i < attempts; i++)
                race.add(ScenarioApi.sendAsync(
                        api.next(),
                        "POST",
                        "/api/v1/pharmacy/redemptions",
                        ScenarioTokens.pharmacyAs(PHARMACY, "fb-counter-" + UUID.randomUUID()),
                        "fb-race-" + UUID.randomUUID(),
                        c.redeemBody(),
                        Duration.ofSeconds(30)));
            int won = 0;
            for (CompletableFuture<Answer> f : race) {
                Answer a = f.get(60, TimeUnit.SECONDS);
                statuses.merge(a.status() + (a.status() == 200 ? "" : " " + a.code()), 1L, Long::sum);
                if (a.status() == 200) {
                    won++;
                    winners.merge(a.base().equals(one.baseUrl()) ? "replica-1" : "replica-2", 1, Integer::sum);
                } else
                    assertTrue(
                            a.status() == 409 || a.status() == 422,
                            "a losing redemption must be a 409/422 refusal: " + a.status() + " " + a.body());
            }
            assertEquals(1, won, "winners for one code across both replicas");
            assertEquals(
                    1,
                    SharedServices.scalar(
                            "select count(*) from dispense where prescription_id = ?::uuid", c.prescriptionId()),
                    "dispense rows of one code");
        }
        figures.put(
                "1",
                String.format(
                        "race: %d codes × %d concurrent redemptions round-robin → %s, winners %s",
                        codes, attempts, statuses, winners));
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_rate_limit_is_one_budget_across_both_replicas() throws Exception {
        // a fixed window of a minute: start well inside one
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) EngineProcess.sleep(60_000 - intoMinute + 500);
        String token = ScenarioTokens.pharmacyAs(PHARMACY, "fb-rate-" + UUID.randomUUID());
        Map<String, Integer> ok = new TreeMap<>(), limited = new TreeMap<>();
        for (int i = 0; i < 2 * LIMIT; i++) {
            String base = api.next();
            String replica = base.equals(one.baseUrl()) ? "replica-1" : "replica-2";
            Answer a = ScenarioApi.get(
                    base, "/api/v1/pharmacies/" + PHARMACY + "/dispatch-events?after=999999999&limit=1", token);
            if (a.status() == 200) ok.merge(replica, 1, Integer::sum);
            else {
                assertEquals(429, a.status(), "neither allowed nor limited: " + a.body());
                assertEquals("RATE_LIMITED", a.code());
                limited.merge(replica, 1, Integer::sum);
            }
        }
        int allowed = ok.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(LIMIT, allowed, "allowed in one window across both replicas (per replica it would be 2 × 30)");
        assertEquals(2, limited.size(), "both replicas refused once the shared budget was spent: " + limited);
        figures.put(
                "2",
                String.format(
                        "rate limit %d/min set on each: %d requests alternating → 200 %s, 429 %s",
                        LIMIT, 2 * LIMIT, ok, limited));
    }

    @Test
    @Order(3)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void one_relay_at_a_time_every_event_on_either_replica_and_failover_within_seconds() throws Exception {
        RelayFailover run = new RelayFailover(this);
        figures.put("3", run.run());
    }
}
