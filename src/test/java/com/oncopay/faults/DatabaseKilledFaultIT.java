package com.oncopay.faults;

import static com.oncopay.faults.FaultApi.NO_ANSWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.oncopay.faults.FaultApi.Answer;
import com.oncopay.faults.FaultApi.Code;
import com.oncopay.faults.FaultApi.Member;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #21 scenario 6: the engine's own PostgreSQL killed (pg_ctl stop -m immediate: every backend quits at once)
 * under mixed load: cached and uncached eligibility checks and redemptions with an Idempotency-Key. While it is
 * down every request answers 503 DATABASE_UNAVAILABLE with Retry-After, or a cached 200, within 2 s; PostgreSQL
 * restarts and the same engine process recovers by itself; every redemption answered 200 is in the ledger and
 * none that failed is, and the failed ones succeed when the counter retries them with their key.
 */
@Order(6)
class DatabaseKilledFaultIT {
    static PrivateServices services;
    static EngineProcess engine;

    /** The suite's own services and engine (started once for the three scenarios; not part of the time limit). */
    @BeforeAll
    static void up() {
        services = PrivateServices.get();
        engine = services.engine();
    }

    static final String SCENARIO = "database-killed";
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final long OUTAGE_MS = 8_000;

    /** A request of the load: what it was (cached, cold, redeem), its code and key (member for a check), its answer. */
    record Call(String kind, Code code, String key, Answer answer) {
        long sent() {
            return answer.startedNanos();
        }

        boolean needsDatabase() {
            return !kind.equals("cached");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void postgres_killed_under_mixed_load_answers_503_fast_and_recovers_without_a_restart() throws Exception {
        String base = engine.baseUrl();

        List<Member> members = FaultSupport.parallel(6, i -> FaultApi.newMember(base, "F6E"));
        Queue<Code> codes = new ConcurrentLinkedQueue<>(
                FaultSupport.parallel(70, i -> FaultApi.pickup(base, FaultApi.newMember(base, "F6R"), PHARMACY)));
        Map<String, JsonNode> cachedAnswer = new HashMap<>();
        for (Member m : members) {
            FaultApi.expect(200, eligibility(base, m, null));
            Answer hit = FaultApi.expect(200, eligibility(base, m, null));
            assertEquals("HIT", hit.header("X-Cache"), "the second check of a member is a cache hit");
            cachedAnswer.put(m.memberId(), hit.json());
        }

        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            clients.add(FaultSupport.client(() -> {
                while (running.get()) {
                    Member m = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                    boolean cold = ThreadLocalRandom.current().nextInt(3) == 0;
                    String day = cold ? "2026-" + String.format("%02d-%02d", 2 + rnd(9), 1 + rnd(28)) : null;
                    calls.add(new Call(cold ? "cold" : "cached", null, m.memberId(), eligibility(base, m, day)));
                    FaultSupport.sleep(25);
                }
            }));
            clients.add(FaultSupport.client(() -> {
                Code c;
                while (running.get() && (c = codes.poll()) != null) {
                    String key = "f6-" + UUID.randomUUID();
                    calls.add(new Call("redeem", c, key, FaultApi.redeem(base, c, key)));
                    FaultSupport.sleep(600);
                }
            }));
        }

        FaultSupport.sleep(3_000);
        long killed = System.nanoTime();
        services.killPostgres();
        long down = System.nanoTime();
        long readyDownMs = -1;
        while (readyDownMs < 0 && System.nanoTime() - down < TimeUnit.SECONDS.toNanos(5)) {
            if (engine.health("ready") == 503) readyDownMs = FaultSupport.ms(System.nanoTime() - down);
            else FaultSupport.sleep(100);
        }
        FaultSupport.sleep(OUTAGE_MS - FaultSupport.ms(System.nanoTime() - down));
        long restarting = System.nanoTime();
        services.startPostgres();
        long accepting = System.nanoTime();
        long recovered = 0;
        Member probe = members.get(0);
        while (recovered == 0 && System.nanoTime() - accepting < TimeUnit.SECONDS.toNanos(30)) {
            Answer a = eligibility(base, probe, "2026-07-" + String.format("%02d", 1 + rnd(28)));
            if (a.status() == 200) recovered = System.nanoTime();
            else FaultSupport.sleep(100);
        }
        assertTrue(recovered > 0, "the engine answered requests that need PostgreSQL again within 30 s of its restart");
        FaultSupport.sleep(4_000);
        running.set(false);
        for (Thread t : clients) t.join(10_000);
        int readyAfter = engine.health("ready");

        // what the clients saw
        Map<Integer, Integer> byStatus = new HashMap<>();
        int outageCalls = 0, cachedDuringOutage = 0;
        long maxOutageMs = 0;
        for (Call c : calls) {
            Answer a = c.answer();
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() == NO_ANSWER) fail("a " + c.kind() + " request got no answer within 5 s: " + a.body());
            if (a.status() != 200 && a.status() != 503)
                fail("a " + c.kind() + " request answered " + a.status() + ": " + a.body() + "\nthe engine's log:\n"
                        + engine.incident(a.traceId()));
            if (a.status() == 503) {
                assertEquals("DATABASE_UNAVAILABLE", a.code(), a.body());
                assertNotNull(a.header("Retry-After"), "503 with Retry-After");
            }
            if (c.sent() >= killed && c.sent() <= recovered) {
                outageCalls++;
                maxOutageMs = Math.max(maxOutageMs, a.millis());
                assertTrue(a.millis() < 2_000, c.kind() + " took " + a.millis() + " ms while PostgreSQL was away");
            }
            if (c.sent() >= down && c.sent() < restarting && a.status() == 200) {
                // cached in Redis (HIT) or in this replica's near cache (NEAR): never computed (MISS, BYPASS)
                assertTrue(
                        java.util.Set.of("HIT", "NEAR").contains(a.header("X-Cache")),
                        "only cached answers are 200 while PostgreSQL is down (X-Cache " + a.header("X-Cache") + "): "
                                + a.body());
                if (c.kind().equals("cached"))
                    assertEquals(cachedAnswer.get(c.key()), a.json(), "the cached answer is the one from before");
                cachedDuringOutage++;
            }
            if (c.sent() > recovered + TimeUnit.SECONDS.toNanos(1) && c.needsDatabase())
                assertEquals(200, a.status(), "after recovery: " + a.body());
        }
        assertTrue(cachedDuringOutage > 0, "cached eligibility still answered 200 while PostgreSQL was down");
        assertEquals(200, readyAfter, "readiness UP again");

        // the ledger: every 200 is there with its money, nothing of a failed one is
        List<Call> redemptions =
                calls.stream().filter(c -> c.kind().equals("redeem")).toList();
        int ok = 0, failed = 0, failedDuringOutage = 0;
        try (Connection db = services.db()) {
            for (Call c : redemptions) {
                if (c.answer().status() == 200) {
                    ok++;
                    JsonNode body = c.answer().json();
                    List<Object> row = FaultSupport.row(
                            db,
                            "select d.kind, d.prescription_id::text, d.insurer_pays_fen, f.status,"
                                    + " (select count(*) from ledger_entry l where l.dispense_id = d.id),"
                                    + " (select coalesce(sum(amount_fen), 0)::bigint from ledger_entry l"
                                    + " where l.dispense_id = d.id and l.account = 'INSURER_PAYABLE')"
                                    + " from dispense d join fulfilment f on f.dispense_id = d.id where d.id = ?::uuid",
                            body.path("redemptionId").asText());
                    assertNotNull(row, "redemption " + body.path("redemptionId") + " answered 200 is in the ledger");
                    long insurer = body.path("money").path("insurerPaysFen").asLong();
                    assertEquals(
                            List.of("DISPENSE", c.code().prescriptionId(), insurer, "REDEEMED"), row.subList(0, 4));
                    assertTrue(((Long) row.get(4)) > 0, "ledger rows of the dispense");
                    assertEquals(insurer, row.get(5), "INSURER_PAYABLE = the answer's insurerPaysFen");
                } else {
                    failed++;
                    if (c.sent() >= killed && c.sent() < restarting) failedDuringOutage++;
                    List<Object> row = FaultSupport.row(
                            db,
                            "select (select count(*) from dispense where prescription_id = ?::uuid), status"
                                    + " from fulfilment where id = ?::uuid",
                            c.code().prescriptionId(),
                            c.code().fulfilmentId());
                    assertEquals(List.of(0L, "RESERVED"), row, "a redemption answered 503 left nothing behind");
                }
            }
            assertTrue(ok > 0 && failedDuringOutage > 0, "redemptions succeeded and failed: " + ok + "/" + failed);
            // the counter retries what failed, with the same key: applied now, once
            for (Call c : redemptions) {
                if (c.answer().status() == 200) continue;
                Answer retry = FaultApi.redeem(base, c.code(), c.key());
                assertEquals(200, retry.status(), "a retry after the outage: " + retry.body());
                assertEquals(
                        List.of(1L),
                        FaultSupport.row(
                                db,
                                "select count(*) from dispense where prescription_id = ?::uuid",
                                c.code().prescriptionId()));
            }
            // accumulators = ledger for every policy that was charged
            List<Object> drift = FaultSupport.row(
                    db,
                    "select count(*) from accumulator a where a.policy_number like 'PF6R-%' and a.sum_insured_used_fen <>"
                            + " (select coalesce(sum(amount_fen), 0)::bigint from ledger_entry l where l.policy_number = a.policy_number"
                            + " and l.account = 'INSURER_PAYABLE')");
            assertEquals(List.of(0L), drift, "sum insured used = INSURER_PAYABLE ledger, per policy");
        }

        FaultSupport.figures(
                SCENARIO,
                String.format(
                        "%d requests %s; PostgreSQL down %.1f s: %d requests then, max latency %d ms, %d cached 200s,"
                                + " readiness DOWN after %d ms; recovered %d ms after PostgreSQL accepted connections"
                                + " (no engine restart), readiness %d; redemptions %d x 200 all in the ledger, %d failed"
                                + " (%d during the outage) none in it, all %d retried with their key -> 200",
                        calls.size(),
                        byStatus,
                        (restarting - down) / 1e9,
                        outageCalls,
                        maxOutageMs,
                        cachedDuringOutage,
                        readyDownMs,
                        FaultSupport.ms(recovered - accepting),
                        readyAfter,
                        ok,
                        failed,
                        failedDuringOutage,
                        failed));
    }

    private static Answer eligibility(String base, Member m, String day) {
        return FaultApi.get(
                base + "/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001"
                        + (day == null ? "" : "&on=" + day),
                FaultApi.member(m.memberId()));
    }

    private static int rnd(int n) {
        return ThreadLocalRandom.current().nextInt(n);
    }
}
