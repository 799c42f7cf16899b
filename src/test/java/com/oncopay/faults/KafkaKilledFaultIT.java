package com.oncopay.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.faults.FaultApi.Member;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * #21 scenario 8: the engine's own Kafka killed (SIGKILL) for 60 s during fulfilment load (members choosing
 * PICKUP at three pharmacies: one dispatch event each), with two SSE dispatch streams open per pharmacy. The
 * requests keep succeeding, the outbox buffers (nothing is marked sent while the broker is away), and after the
 * restart the outbox drains onto the topic; every stream has received every event of its pharmacy exactly once
 * and in stream order, the same as the outbox rows in PostgreSQL.
 */
@Order(8)
class KafkaKilledFaultIT {
    static PrivateServices services;
    static EngineProcess engine;

    /** The suite's own services and engine (started once for the three scenarios; not part of the time limit). */
    @BeforeAll
    static void up() {
        services = PrivateServices.get();
        engine = services.engine();
    }

    static final String SCENARIO = "kafka-killed";
    static final List<String> PHARMACIES = List.of("DEMO-PH-BJ-01", "DEMO-PH-SH-01", "DEMO-PH-GZ-01");
    static final long OUTAGE_MS = 60_000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void kafka_killed_for_60_s_loses_no_event_and_repeats_none_on_any_stream() throws Exception {
        String base = engine.baseUrl();
        Queue<Member> members =
                new ConcurrentLinkedQueue<>(FaultSupport.parallel(80, i -> FaultApi.newMember(base, "F8")));

        Map<String, Long> start = new HashMap<>();
        try (Connection db = services.db()) {
            for (String p : PHARMACIES) start.put(p, lastSeq(db, p));
        }
        List<DispatchStreamReader> streams = new ArrayList<>();
        for (String p : PHARMACIES)
            for (int i = 0; i < 2; i++) streams.add(new DispatchStreamReader(base, p, start.get(p)));

        // fulfilment load: one PICKUP choice a second, round robin over the pharmacies
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger made = new AtomicInteger(), madeDuringOutage = new AtomicInteger();
        AtomicBoolean outage = new AtomicBoolean();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread load = FaultSupport.client(() -> {
            Member m;
            while (running.get() && (m = members.poll()) != null) {
                try {
                    FaultApi.pickup(base, m, PHARMACIES.get(made.get() % PHARMACIES.size()));
                    made.incrementAndGet();
                    if (outage.get()) madeDuringOutage.incrementAndGet();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                }
                FaultSupport.sleep(1_000);
            }
        });

        FaultSupport.sleep(4_000);
        long killed = System.nanoTime();
        services.killKafka();
        outage.set(true);
        FaultSupport.sleep(5_000);
        String kafkaCheckWhileDown = FaultApi.check(engine, "well", "Kafka");
        int readyStatus = engine.health("ready");
        long maxBacklog = 0;
        int receivedDuringOutage = 0;
        try (Connection db = services.db()) {
            while (System.nanoTime() - killed < TimeUnit.MILLISECONDS.toNanos(OUTAGE_MS)) {
                maxBacklog = Math.max(maxBacklog, unsent(db, start));
                FaultSupport.sleep(1_000);
            }
            for (DispatchStreamReader s : streams) receivedDuringOutage += s.receivedBetween(killed, System.nanoTime());
            long restarting = System.nanoTime();
            long backlogAtRestart = unsent(db, start);
            outage.set(false);
            services.startKafka();
            long brokerUp = System.nanoTime();
            long drained = 0;
            while (drained == 0 && System.nanoTime() - brokerUp < TimeUnit.SECONDS.toNanos(60)) {
                if (unsent(db, start) == 0) drained = System.nanoTime();
                else FaultSupport.sleep(100);
            }
            assertTrue(drained > 0, "the outbox drained within 60 s of the broker's return: " + unsent(db, start));
            FaultSupport.sleep(3_000);
            running.set(false);
            load.join(10_000);
            assertTrue(failures.isEmpty(), "no fulfilment request failed because of Kafka: " + failures);
            assertTrue(backlogAtRestart > 0 && madeDuringOutage.get() > 0, "the outbox buffered the outage's events");
            assertEquals(200, readyStatus, "readiness stays UP without Kafka");
            assertEquals("DOWN", kafkaCheckWhileDown, "wellness reports Kafka DOWN");
            assertEquals("UP", FaultApi.check(engine, "well", "Kafka"), "wellness reports Kafka UP again");

            // every stream: exactly the outbox rows of its pharmacy after its start, once each, in order
            Map<String, List<Long>> expected = new HashMap<>();
            for (String p : PHARMACIES) expected.put(p, seqs(db, p, start.get(p)));
            for (DispatchStreamReader s : streams) s.awaitUpTo(last(expected.get(s.pharmacy)), 30);
            for (DispatchStreamReader s : streams) s.close();
            int events = 0;
            for (String p : PHARMACIES) events += expected.get(p).size();
            for (DispatchStreamReader s : streams) {
                assertTrue(s.errors().isEmpty(), s.pharmacy + " stream failed: " + s.errors());
                assertEquals(expected.get(s.pharmacy), s.ids(), s.pharmacy + ": every event once, in order");
            }
            assertEquals(made.get(), events, "one event per fulfilment");

            // the topic: every event of the outbox was published (a resend after a lost ack would show twice)
            Map<Long, Integer> onTopic = TopicCount.byEventId(services.kafkaPort, PrivateServices.TOPIC);
            List<Long> ids = outboxIds(db, start);
            int duplicates = 0;
            for (Long id : ids) {
                assertTrue(onTopic.getOrDefault(id, 0) >= 1, "outbox row " + id + " is on the topic");
                duplicates += onTopic.get(id) - 1;
            }
            FaultSupport.figures(
                    SCENARIO,
                    String.format(
                            "%d dispatch events (%d made while Kafka was down %.0f s), %d SSE streams on %d pharmacies;"
                                    + " every fulfilment request 201, readiness %d; outbox backlog max %d, %d at the"
                                    + " restart; broker up %.1f s after its start, outbox drained %d ms after that;"
                                    + " every stream got every event once, in order (%d delivered during the outage"
                                    + " from PostgreSQL by the heartbeat); on the topic: %d/%d events, %d duplicates",
                            events,
                            madeDuringOutage.get(),
                            (restarting - killed) / 1e9,
                            streams.size(),
                            PHARMACIES.size(),
                            readyStatus,
                            maxBacklog,
                            backlogAtRestart,
                            (brokerUp - restarting) / 1e9,
                            FaultSupport.ms(drained - brokerUp),
                            receivedDuringOutage,
                            ids.size(),
                            ids.size(),
                            duplicates));
        } finally {
            running.set(false);
            for (DispatchStreamReader s : streams) s.close();
        }
    }

    private static long last(List<Long> seqs) {
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }

    private static long lastSeq(Connection db, String pharmacy) throws java.sql.SQLException {
        List<Object> row =
                FaultSupport.row(db, "select last_seq from pharmacy_stream where pharmacy_code = ?", pharmacy);
        return row == null ? 0 : (Long) row.get(0);
    }

    private static long unsent(Connection db, Map<String, Long> start) throws java.sql.SQLException {
        long n = 0;
        for (String p : PHARMACIES)
            n += (Long) FaultSupport.row(
                            db,
                            "select count(*) from outbox where pharmacy_code = ? and seq > ? and sent_at is null",
                            p,
                            start.get(p))
                    .get(0);
        return n;
    }

    private static List<Long> seqs(Connection db, String pharmacy, long after) throws java.sql.SQLException {
        return FaultSupport.longs(
                db, "select seq from outbox where pharmacy_code = ? and seq > ? order by seq", pharmacy, after);
    }

    private static List<Long> outboxIds(Connection db, Map<String, Long> start) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>();
        for (String p : PHARMACIES)
            ids.addAll(FaultSupport.longs(
                    db, "select id from outbox where pharmacy_code = ? and seq > ?", p, start.get(p)));
        return ids;
    }
}
