package com.oncopay.faults;

import static com.oncopay.faults.ScenarioApi.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.oncopay.faults.ScenarioApi.Answer;
import com.oncopay.faults.ScenarioData.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #21 scenario 9: the engine SIGKILLed in the middle of 200 concurrent redemptions and reversals, each with its own
 * Idempotency-Key. After the restart every redemption is fully applied or not at all (MoneyInvariants), the ledger,
 * the accumulators and the settlement agree to the fen, and repeating each request with its key gives its first
 * answer (a 200 with the same money block), or, for work the kill undid, a clean retry that now succeeds: never a
 * 500, never a second dispense.
 */
class EngineKilledFaultIT {
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final int REDEMPTIONS = 150, REVERSALS = 50, KILL_AFTER_ANSWERS = 30;
    /** A claim left IN_PROGRESS by the kill may be taken over after this (60 s in production). */
    static final Duration ABANDON_AFTER = Duration.ofSeconds(10);
    /** Retries answered 503, ENGINE_BUSY or DATABASE_UNAVAILABLE (and sent again after a second). */
    static final AtomicInteger UNAVAILABLE = new AtomicInteger();

    /** One request of the burst and what became of it. */
    static final class Op {
        final Code code;
        final String redemptionId; // set for a reversal: the redemption it reverses
        final String key = "fault9-" + UUID.randomUUID();
        volatile Answer first;

        Op(Code code, String redemptionId) {
            this.code = code;
            this.redemptionId = redemptionId;
        }

        boolean reversal() {
            return redemptionId != null;
        }

        String path() {
            return reversal()
                    ? "/api/v1/pharmacy/redemptions/" + redemptionId + "/reversal"
                    : "/api/v1/pharmacy/redemptions";
        }

        String body() {
            return reversal() ? "{\"reasonCode\":\"RETURNED\"}" : code.redeemBody();
        }

        CompletableFuture<Answer> send(String base) {
            return ScenarioApi.sendAsync(
                    base, "POST", path(), ScenarioTokens.pharmacy(PHARMACY), key, body(), Duration.ofSeconds(30));
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sigkill_during_200_concurrent_redemptions_and_reversals() throws Exception {
        SharedServices.freshStart();
        EngineProcess engine = EngineProcess.start(
                "engine-killed",
                SharedServices.env(),
                SharedServices.props("-Doncopay.idempotency.abandon-after=" + ABANDON_AFTER.toSeconds() + "S"));
        try {
            String base = engine.baseUrl();
            List<Code> codes =
                    ScenarioData.pickupCodes(new ScenarioApi(base), REDEMPTIONS + REVERSALS, PHARMACY, "D001");
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                Code c = codes.get(i);
                if (i < REVERSALS) {
                    JsonNode r = expect(
                            200,
                            ScenarioApi.post(
                                    base,
                                    "/api/v1/pharmacy/redemptions",
                                    ScenarioTokens.pharmacy(PHARMACY),
                                    "fault9-before-" + UUID.randomUUID(),
                                    c.redeemBody()),
                            "redemption before the burst");
                    ops.add(new Op(c, r.path("redemptionId").asText()));
                } else ops.add(new Op(c, null));
            }
            Collections.shuffle(ops, new Random(9));
            log("made " + codes.size() + " codes, " + REVERSALS + " of them redeemed");

            // the burst: all 200 at once; SIGKILL when the first 30 have answered
            CountDownLatch answered = new CountDownLatch(KILL_AFTER_ANSWERS);
            AtomicInteger answersBeforeKill = new AtomicInteger();
            List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Op op : ops)
                inFlight.add(op.send(base).whenComplete((a, e) -> {
                    op.first = a;
                    if (a != null && a.status() > 0) answered.countDown();
                }));
            assertTrue(answered.await(60, TimeUnit.SECONDS), "the burst got no " + KILL_AFTER_ANSWERS + " answers");
            engine.kill();
            long killedAtMs = (System.nanoTime() - t0) / 1_000_000;
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (Op op : ops) if (op.first.status() > 0) answersBeforeKill.incrementAndGet();
            long noAnswer = ops.stream().filter(o -> o.first.status() < 0).count();
            assertTrue(noAnswer > 0, "the kill came after every request had its answer: nothing was in flight");
            assertTrue(
                    ops.stream().noneMatch(o -> o.first.status() >= 500 && o.first.status() != 503),
                    "a 5xx other than 503 before the kill");

            log("killed after " + killedAtMs + " ms: " + statusCounts(ops));
            long r0 = System.nanoTime();
            engine = engine.restart();
            long restartMs = (System.nanoTime() - r0) / 1_000_000;

            log("restarted in " + restartMs + " ms");
            // after the restart, before any retry: all or nothing, and the books agree
            MoneyInvariants.Books books = MoneyInvariants.check(engine.baseUrl(), PHARMACY, ops);
            int applied = 0, appliedUnanswered = 0;
            for (Op op : ops) {
                boolean done = MoneyInvariants.applied(op);
                if (done) applied++;
                if (op.first.status() == 200) assertTrue(done, "answered 200 but not applied: " + op.key);
                else if (op.first.status() > 0) assertTrue(!done, "refused but applied: " + op.key + " " + op.first);
                else if (done) appliedUnanswered++;
            }

            // the retries (4 at a time): the first answer, or a clean retry of work the kill undid
            long claimsLeft = SharedServices.scalar(
                    "select count(*) from idempotency_key where state = 'IN_PROGRESS' and idem_key like 'fault9-%'");
            Map<String, List<Op>> outcome = retry(engine.baseUrl(), ops);
            int inProgress = outcome.get("in progress").size();
            if (inProgress > 0) {
                // the kill (or a 503 whose release could not reach the database) left the claim, not the work:
                // the key is free again after abandon-after
                EngineProcess.sleep(ABANDON_AFTER.toMillis() + 500);
                Map<String, List<Op>> second = retry(engine.baseUrl(), outcome.get("in progress"));
                assertEquals(inProgress, second.get("retried").size(), "fresh successes after abandon-after");
                outcome.get("retried").addAll(second.get("retried"));
            }
            int replayed = outcome.get("replayed").size(),
                    retried = outcome.get("retried").size();
            log("retries: " + replayed + " replayed, " + retried + " retried, " + inProgress + " in progress first");

            // every request done exactly once now, and the books still agree
            for (Op op : ops) assertTrue(MoneyInvariants.applied(op), "not applied after its retry: " + op.key);
            MoneyInvariants.Books after = MoneyInvariants.check(engine.baseUrl(), PHARMACY, ops);
            assertEquals(ops.size(), replayed + retried, "every retry is either a replay or a fresh success");

            SharedServices.report(
                    "engine-killed",
                    String.format(
                            "%d requests (%d redemptions, %d reversals) in flight, SIGKILL after %d ms with %d answered"
                                    + " (%s); after restart (%d ms): %d applied (%d of them unanswered), %d not applied,"
                                    + " %d claims left IN_PROGRESS; retries: %d replayed with the first answer, %d"
                                    + " retried fresh (%d after a 409 IDEMPOTENCY_IN_PROGRESS until abandon-after %d s),"
                                    + " %d × 503 (sent again), 0 × 500, 0 second dispenses; ledger = accumulators = settlement = %d fen"
                                    + " before the retries, %d fen after",
                            ops.size(),
                            REDEMPTIONS,
                            REVERSALS,
                            killedAtMs,
                            answersBeforeKill.get(),
                            statusCounts(ops),
                            restartMs,
                            applied,
                            appliedUnanswered,
                            ops.size() - applied,
                            claimsLeft,
                            replayed,
                            retried,
                            inProgress,
                            ABANDON_AFTER.toSeconds(),
                            UNAVAILABLE.get(),
                            books.settlementFen(),
                            after.settlementFen()));
        } finally {
            engine.close();
            SharedServices.closeDb();
        }
    }

    /** Sends each request again with its key, 4 at a time; sorts them by what the retry answered. */
    private static Map<String, List<Op>> retry(String base, List<Op> ops) throws Exception {
        Map<String, List<Op>> by = new java.util.HashMap<>();
        for (String k : List.of("replayed", "retried", "in progress")) by.put(k, new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> done = new ArrayList<>();
            for (Op op : ops)
                done.add(pool.submit(() -> {
                    Answer a = op.send(base).get(60, TimeUnit.SECONDS);
                    // 503 ENGINE_BUSY (no connection within 1 s on a busy machine) or DATABASE_UNAVAILABLE: retry later
                    for (int i = 0; i < 30 && a.status() == 503; i++) {
                        UNAVAILABLE.incrementAndGet();
                        EngineProcess.sleep(1000);
                        a = op.send(base).get(60, TimeUnit.SECONDS);
                    }
                    assertTrue(a.status() > 0 && a.status() < 500, "retry of " + op.key + " answered " + a);
                    if (a.status() == 409 && "IDEMPOTENCY_IN_PROGRESS".equals(a.code())) {
                        assertTrue(!MoneyInvariants.applied(op), "IN_PROGRESS for applied work: " + op.key);
                        return "in progress";
                    }
                    return checkRetry(op, a) ? "replayed" : "retried";
                }));
            for (int i = 0; i < ops.size(); i++) {
                try {
                    by.get(done.get(i).get()).add(ops.get(i));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failed) throw failed;
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return by;
    }

    static void log(String what) {
        System.out.println(java.time.LocalTime.now() + " fault engine-killed: " + what);
    }

    /**
     * A retry's answer: the first answer again when there was one (true), or a fresh success of work the kill
     * undid (false). Either way a 200 whose ids are those of the one dispense (or reversal) in the database.
     */
    private static boolean checkRetry(Op op, Answer a) throws Exception {
        assertEquals(200, a.status(), "retry of " + op.key + ": " + a.body());
        String dispenseId = MoneyInvariants.dispenseOf(op);
        String id = op.reversal()
                ? a.body().path("reversalId").asText()
                : a.body().path("redemptionId").asText();
        assertEquals(dispenseId, id, "the retry's answer is not the one dispense of " + op.key);
        if (op.first.status() == 200) {
            assertTrue(a.replayed(), "a retry of an answered request was not a replay: " + op.key);
            assertEquals(op.first.body().path("money"), a.body().path("money"), "money block of " + op.key);
            assertEquals(op.first.body(), a.body(), "the replay differs from the first answer: " + op.key);
            return true;
        }
        return a.replayed();
    }

    private static String statusCounts(List<Op> ops) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Op op : ops)
            counts.merge(op.first.status() < 0 ? "no answer" : Integer.toString(op.first.status()), 1L, Long::sum);
        return counts.toString();
    }
}
