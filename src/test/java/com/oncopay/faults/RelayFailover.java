package com.oncopay.faults;

import static com.oncopay.faults.SharedServices.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.faults.ScenarioData.Code;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 10 (a) and (b): a fulfilment load (pickups reserved at two pharmacies, redemptions at one) through both
 * replicas while four SSE streams (each pharmacy on each replica) and a Kafka reader of the engines' topic watch.
 * With both replicas up, every event is on the topic exactly once (two relays at once would publish rows twice).
 * Then the replica that relayed most is SIGKILLed in the middle of more load on the other: the survivor's relay
 * takes over, its streams get the new events within seconds through Kafka (their heartbeat is 15 s), the streams of
 * the dead replica reconnect to the survivor with Last-Event-ID, and every stream has exactly the outbox's events,
 * in order.
 */
final class RelayFailover {
    static final Map<String, String> DRUG_AT = Map.of("DEMO-PH-BJ-01", "D001", "DEMO-PH-SH-01", "D002");
    static final String REDEEMING = "DEMO-PH-BJ-01";
    static final int PER_PHARMACY = 8;
    private static final Pattern PUBLISHED =
            Pattern.compile("(?m)^oncopay_dispatch_events_published_total(?:\\{[^}]*})?\\s+([0-9.eE+]+)");

    private final TwoReplicasFaultIT t;

    RelayFailover(TwoReplicasFaultIT t) {
        this.t = t;
    }

    String run() throws Exception {
        awaitAllSent(Duration.ofSeconds(30));
        Map<String, Long> from = new HashMap<>();
        for (String ph : DRUG_AT.keySet())
            from.put(ph, scalar("select coalesce(max(seq), 0) from outbox where pharmacy_code = ?", ph));
        long firstRow = scalar("select coalesce(max(id), 0) from outbox");
        List<SseTap> taps = new ArrayList<>();
        try (KafkaTap kafka = new KafkaTap(SharedServices.TOPIC)) {
            for (String ph : DRUG_AT.keySet())
                for (EngineProcess e : List.of(t.one, t.two))
                    taps.add(new SseTap(ph, e.baseUrl(), from.get(ph), this::other));
            EngineProcess.sleep(500);

            // both replicas up: the load round-robin, every row relayed once
            double[] before = {published(t.one), published(t.two)};
            load(t.api);
            awaitAllSent(Duration.ofSeconds(30));
            double[] after = {published(t.one), published(t.two)};
            long phaseOneLast = scalar("select max(id) from outbox");
            List<Long> phaseOne = rowIds(firstRow, phaseOneLast);
            long phaseOneRows = phaseOne.size();
            assertTrue(kafka.awaitRows(phaseOne, Duration.ofSeconds(20)), "phase one not on the topic");
            Map<Long, Integer> copies = kafka.copies();
            for (long id : phaseOne) assertEquals(1, copies.getOrDefault(id, 0), "copies on the topic of row " + id);
            double byOne = after[0] - before[0], byTwo = after[1] - before[1];
            assertEquals(phaseOneRows, Math.round(byOne + byTwo), "events the two relays published together");

            // SIGKILL the replica that relayed most, in the middle of load on the other
            EngineProcess relaying = byOne >= byTwo ? t.one : t.two, survivor = relaying == t.one ? t.two : t.one;
            // load rounds on the survivor until some seconds after the kill: rows are created on both sides of it,
            // however fast one round is (a single round once ended before the kill, and then nothing was relayed after)
            AtomicLong killedAtMs = new AtomicLong();
            AtomicInteger rounds = new AtomicInteger();
            ScenarioApi survivorApi = new ScenarioApi(survivor.baseUrl());
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                do {
                    load(survivorApi);
                    rounds.incrementAndGet();
                } while (killedAtMs.get() == 0 || System.currentTimeMillis() < killedAtMs.get() + 3_000);
            });
            EngineProcess.sleep(1500);
            Instant killedAt = Instant.now();
            relaying.kill();
            killedAtMs.set(killedAt.toEpochMilli());
            load.get(90, TimeUnit.SECONDS);
            assertTrue(
                    scalar("select count(*) from outbox where created_at > ?", Timestamp.from(killedAt)) > 0,
                    "the load made no event after the kill (" + rounds.get() + " rounds)");
            awaitAllSent(Duration.ofSeconds(30));
            long firstSentMs = scalar(
                    "select (extract(epoch from min(sent_at)) * 1000)::bigint from outbox where sent_at > ?",
                    Timestamp.from(killedAt));
            assertTrue(firstSentMs > 0, "nothing was relayed after the kill");
            long failoverMs = firstSentMs - killedAt.toEpochMilli();
            long relayLagMs = scalar(
                    "select (extract(epoch from max(sent_at - created_at)) * 1000)::bigint from outbox"
                            + " where created_at > ?",
                    Timestamp.from(killedAt));
            long lastRow = scalar("select max(id) from outbox");
            List<Long> phaseTwo = rowIds(phaseOneLast, lastRow);
            assertTrue(kafka.awaitRows(phaseTwo, Duration.ofSeconds(20)), "not every row on the topic");

            // every stream, on either replica, has exactly the outbox's events of its pharmacy, in order
            long maxDelayAfterKill = 0;
            int reconnected = 0;
            for (SseTap tap : taps) {
                List<Long> expected = SharedServices.rows(
                                "select seq from outbox where pharmacy_code = ? and seq > ? order by seq",
                                tap.pharmacy,
                                from.get(tap.pharmacy))
                        .stream()
                        .map(r -> ((Number) r.get("seq")).longValue())
                        .toList();
                assertTrue(tap.awaitThrough(expected.get(expected.size() - 1), Duration.ofSeconds(20)));
                assertEquals(expected, tap.ids(), "events on a stream of " + tap.pharmacy);
                reconnected += tap.reconnects.get();
                boolean onSurvivor = tap.received().get(0).base().equals(survivor.baseUrl());
                if (onSurvivor) {
                    assertEquals(0, tap.reconnects.get(), "a stream on the survivor was cut");
                    for (SseTap.Received r : tap.received())
                        if (r.recordedAtMs() > killedAt.toEpochMilli())
                            maxDelayAfterKill = Math.max(maxDelayAfterKill, r.delayMs());
                } else assertTrue(tap.reconnects.get() >= 1, "a stream of the killed replica did not reconnect");
            }
            assertTrue(failoverMs < 5_000, "the survivor's relay took over after " + failoverMs + " ms");
            assertTrue(
                    maxDelayAfterKill < 5_000,
                    "events after the kill reached the survivor's streams after " + maxDelayAfterKill
                            + " ms: not through its relay and Kafka (the heartbeat is 15 s)");
            assertTrue(kafka.inOrderPerPharmacy(), "the topic is out of order for a pharmacy");
            long duplicates = kafka.copies().entrySet().stream()
                    .filter(e -> e.getKey() > phaseOneLast)
                    .mapToLong(e -> e.getValue() - 1)
                    .sum();
            return String.format(
                    "relay: %d events with both up, relayed once each (replica-1 %d, replica-2 %d, 0 duplicates on"
                            + " the topic); SIGKILL of %s mid-load: first event relayed by the survivor %d ms after"
                            + " the kill, max outbox→Kafka %d ms, max outbox→SSE on the survivor's streams %d ms,"
                            + " %d rows after the kill (%d load rounds on the survivor), %d re-published by the survivor; 4 SSE streams each got all %d"
                            + " + %d events of its pharmacy in order, %d reconnect(s) with Last-Event-ID",
                    phaseOneRows,
                    Math.round(byOne),
                    Math.round(byTwo),
                    relaying.name(),
                    failoverMs,
                    relayLagMs,
                    maxDelayAfterKill,
                    phaseTwo.size(),
                    rounds.get(),
                    duplicates,
                    phaseOneRows,
                    phaseTwo.size(),
                    reconnected);
        } finally {
            taps.forEach(SseTap::close);
        }
    }

    /** The other replica (where a stream of a dead one reconnects). */
    private String other(String base) {
        return base.equals(t.one.baseUrl()) ? t.two.baseUrl() : t.one.baseUrl();
    }

    /** Pickups reserved at both pharmacies, the redeeming pharmacy's redeemed: three events per pair. */
    private static void load(ScenarioApi api) {
        try {
            List<Code> codes = new ArrayList<>();
            for (Map.Entry<String, String> e : DRUG_AT.entrySet())
                codes.addAll(ScenarioData.pickupCodes(api, PER_PHARMACY, e.getKey(), e.getValue()));
            for (Code c : codes) {
                if (!c.pharmacy().equals(REDEEMING)) continue;
                ScenarioApi.expect(
                        200,
                        ScenarioApi.post(
                                api.next(),
                                "/api/v1/pharmacy/redemptions",
                                ScenarioTokens.pharmacyAs(REDEEMING, "fb-counter-" + UUID.randomUUID()),
                                "fb-load-" + UUID.randomUUID(),
                                c.redeemBody()),
                        "redemption");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitAllSent(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (scalar("select count(*) from outbox where sent_at is null") > 0) {
            assertTrue(System.nanoTime() < deadline, "outbox rows still unsent after " + within);
            EngineProcess.sleep(100);
        }
    }

    /** The replica's own count of events its relay published (its management port's /q/metrics). */
    private static double published(EngineProcess e) throws Exception {
        String text = ScenarioApi.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(e.managementUrl() + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = PUBLISHED.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The ids of the outbox rows after {@code after} up to {@code upTo}. */
    private static List<Long> rowIds(long after, long upTo) throws Exception {
        return SharedServices.rows("select id from outbox where id > ? and id <= ? order by id", after, upTo).stream()
                .map(r -> ((Number) r.get("id")).longValue())
                .toList();
    }
}
