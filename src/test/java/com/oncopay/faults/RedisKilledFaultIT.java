package com.oncopay.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.oncopay.faults.FaultApi.Answer;
import com.oncopay.faults.FaultApi.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #21 scenario 7: the engine's own Redis killed (SIGKILL) under eligibility load. Every check still answers
 * 200 with the same body as from the cache before, computed from PostgreSQL and marked {@code X-Cache: BYPASS}
 * (the near cache may answer until the replica learns Redis is gone, never past its lease);
 * readiness stays UP; when Redis is back (empty: no persistence) the answers are cached again (MISS, then HIT).
 */
@Order(7)
class RedisKilledFaultIT {
    static PrivateServices services;
    static EngineProcess engine;

    /** The suite's own services and engine (started once for the three scenarios; not part of the time limit). */
    @BeforeAll
    static void up() {
        services = PrivateServices.get();
        engine = services.engine();
    }

    static final String SCENARIO = "redis-killed";
    static final long OUTAGE_MS = 6_000;
    /** The near cache's lease (oncopay.coverage.near-cache.lease): it stops answering within this of Redis dying. */
    static final long NEAR_BOUND_MS = 2_000;

    record Call(Member member, Answer answer) {}

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void redis_killed_under_eligibility_load_answers_from_postgres_and_caching_resumes() throws Exception {
        String base = engine.baseUrl();

        List<Member> members = FaultSupport.parallel(10, i -> FaultApi.newMember(base, "F7E"));
        Map<String, JsonNode> before = new HashMap<>();
        for (Member m : members) {
            FaultApi.expect(200, eligibility(base, m));
            Answer hit = FaultApi.expect(200, eligibility(base, m));
            assertEquals("HIT", hit.header("X-Cache"), "cached before the outage");
            before.put(m.memberId(), hit.json());
        }

        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++)
            clients.add(FaultSupport.client(() -> {
                while (running.get()) {
                    Member m = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                    calls.add(new Call(m, eligibility(base, m)));
                    FaultSupport.sleep(20);
                }
            }));

        FaultSupport.sleep(2_000);
        long killing = System.nanoTime();
        services.killRedis();
        long down = System.nanoTime();
        FaultSupport.sleep(OUTAGE_MS / 2);
        int readyWhileDown = engine.health("ready");
        String redisCheckWhileDown = FaultApi.check(engine, "well", "Redis");
        FaultSupport.sleep(OUTAGE_MS / 2);
        long restarting = System.nanoTime();
        services.startRedis();
        long up = System.nanoTime();
        // caching resumes: a member's check is a HIT again (the breaker closes after its delay, 5 s)
        long hitAgain = 0;
        while (hitAgain == 0 && System.nanoTime() - up < TimeUnit.SECONDS.toNanos(30)) {
            for (Call c : calls)
                if (c.answer().startedNanos() > up && "HIT".equals(c.answer().header("X-Cache")))
                    hitAgain = c.answer().startedNanos()
                            + TimeUnit.MILLISECONDS.toNanos(c.answer().millis());
            if (hitAgain == 0) FaultSupport.sleep(200);
        }
        FaultSupport.sleep(1_000);
        running.set(false);
        for (Thread t : clients) t.join(10_000);

        Map<String, Integer> byCache = new HashMap<>();
        int outageCalls = 0;
        long maxOutageMs = 0, maxBeforeMs = 0, lastNearMs = -1;
        for (Call c : calls) {
            Answer a = c.answer();
            if (a.status() != 200) fail("an eligibility check answered " + a.status() + ": " + a.body());
            assertEquals(before.get(c.member().memberId()), a.json(), "the same answer as from the cache before");
            String cache = a.header("X-Cache");
            byCache.merge(cache, 1, Integer::sum);
            if (a.startedNanos() < killing) maxBeforeMs = Math.max(maxBeforeMs, a.millis());
            if (a.startedNanos() >= down && a.startedNanos() < restarting) {
                outageCalls++;
                maxOutageMs = Math.max(maxOutageMs, a.millis());
                long afterKillMs = FaultSupport.ms(a.startedNanos() - down);
                if ("NEAR".equals(cache)) lastNearMs = Math.max(lastNearMs, afterKillMs);
                // the near cache may answer until the replica sees Redis gone (its subscription ends, at the latest
                // its lease runs out); after that every check is computed
                if (afterKillMs > NEAR_BOUND_MS)
                    assertEquals("BYPASS", cache, "Redis is dead: computed from PostgreSQL, Redis bypassed");
                else assertTrue(Set.of("NEAR", "BYPASS").contains(cache), "Redis is dead: near cache or computed");
            }
        }
        assertTrue(outageCalls > 20, "checks were made while Redis was down: " + outageCalls);
        assertTrue(maxOutageMs < 2_000, "no check waits on a dead Redis: max " + maxOutageMs + " ms");
        assertEquals(200, readyWhileDown, "readiness stays UP without Redis");
        assertEquals("DOWN", redisCheckWhileDown, "wellness reports Redis DOWN");
        assertTrue(hitAgain > 0, "answers are cached again (X-Cache: HIT) within 30 s of Redis' return");
        assertEquals("UP", FaultApi.check(engine, "well", "Redis"), "wellness reports Redis UP again");

        FaultSupport.figures(
                SCENARIO,
                String.format(
                        "%d checks, all 200 with the answer cached before (X-Cache %s); Redis down %.1f s: %d checks"
                                + " then, BYPASS (last near-cache answer %s), max latency %d ms (before the kill %d ms);"
                                + " readiness %d, Redis"
                                + " wellness %s meanwhile; cache HIT again %d ms after Redis was back",
                        calls.size(),
                        byCache,
                        (restarting - down) / 1e9,
                        outageCalls,
                        lastNearMs < 0 ? "none" : lastNearMs + " ms after the kill",
                        maxOutageMs,
                        maxBeforeMs,
                        readyWhileDown,
                        redisCheckWhileDown,
                        FaultSupport.ms(hitAgain - up)));
    }

    private static Answer eligibility(String base, Member m) {
        return FaultApi.get(
                base + "/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001", FaultApi.member(m.memberId()));
    }
}
