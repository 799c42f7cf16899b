package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.oncopay.platform.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * #22: an outbox row committed on this replica reaches this replica's open streams of its pharmacy at once,
 * without waiting for the relay and the Kafka topic. Here the replica reads a topic no event goes to and its
 * heartbeat is an hour, so only that wake-up can deliver; a rolled-back row delivers nothing. Real PostgreSQL.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1) // a test profile restarts the application: after the default-profile classes
@TestProfile(StreamsWokenByTheirOwnReplicaTest.NoOtherWakeUp.class)
class StreamsWokenByTheirOwnReplicaTest {
    public static class NoOtherWakeUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.dispatch-in.topics", "dispatch-events-not-written",
                    "oncopay.dispatch.heartbeat", "1H");
        }
    }

    private static final Duration T = Duration.ofSeconds(10);

    @Inject
    DispatchStream stream;

    @Inject
    Transactions transactions;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRepository rows;

    private void write(String pharmacy, boolean commit) {
        transactions
                .inTransaction(tx -> outbox.write(tx, pharmacy, "TEST", "own-replica", Map.of("commit", commit))
                        .flatMap(x -> commit
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom().<Void>failure(new IllegalStateException("rolled back"))))
                .onFailure(IllegalStateException.class)
                .recoverWithNull()
                .await()
                .atMost(T);
    }

    @Test
    void a_commit_reaches_the_open_stream_of_its_pharmacy_without_kafka_or_a_heartbeat_and_a_rollback_does_not()
            throws Exception {
        String ph = "TEST-OWN-" + UUID.randomUUID();
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        var subscription = stream.live(ph, 0).subscribe().with(item -> {
            if (item.event() != null) seen.add(item.event().id());
        });
        try {
            write(ph, true);
            assertEquals(1L, seen.poll(5, TimeUnit.SECONDS), "the committed event did not reach the stream");
            write(ph, false);
            assertNull(seen.poll(1, TimeUnit.SECONDS), "a rolled-back event reached the stream");
            write(ph, true);
            assertEquals(2L, seen.poll(5, TimeUnit.SECONDS));
        } finally {
            subscription.cancel();
        }
    }

    /**
     * The wake-up carries the committed event, which the stream emits without reading it back only when it is
     * the stream's next position. Concurrent commits of one pharmacy (in whatever order their hooks run), and a
     * position committed with no wake-up here (as on another replica) just before one that wakes: every event
     * reaches the stream once, in position order, equal to the event as PostgreSQL replays it.
     */
    @Test
    void concurrent_commits_and_a_position_committed_elsewhere_reach_the_stream_once_in_order_as_replayed()
            throws Exception {
        String ph = "TEST-OWN-" + UUID.randomUUID();
        BlockingQueue<DispatchStream.Event> seen = new LinkedBlockingQueue<>();
        var subscription = stream.live(ph, 0).subscribe().with(item -> {
            if (item.event() != null) seen.add(item.event());
        });
        try {
            int n = 40;
            Uni.join()
                    .all(java.util.stream.IntStream.rangeClosed(1, n)
                            .mapToObj(i -> transactions.inTransaction(
                                    tx -> outbox.write(tx, ph, "TEST", "concurrent-" + i, Map.of("i", i))))
                            .toList())
                    .andFailFast()
                    .await()
                    .atMost(T);
            // position n + 1 committed without waking this replica's streams, then n + 2 through the outbox
            transactions
                    .inTransaction(tx -> rows.insert(
                                    tx,
                                    ph,
                                    "TEST",
                                    "elsewhere",
                                    new io.vertx.core.json.JsonObject().put("elsewhere", true),
                                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC),
                                    null,
                                    null)
                            .replaceWithVoid())
                    .await()
                    .atMost(T);
            write(ph, true);
            java.util.List<DispatchStream.Event> got = new java.util.ArrayList<>();
            for (int i = 1; i <= n + 2; i++) {
                DispatchStream.Event e = seen.poll(5, TimeUnit.SECONDS);
                if (e == null) break;
                got.add(e);
            }
            assertEquals(
                    java.util.stream.LongStream.rangeClosed(1, n + 2).boxed().toList(),
                    got.stream().map(DispatchStream.Event::id).toList(),
                    "every position once, in order");
            assertNull(seen.poll(500, TimeUnit.MILLISECONDS), "an event was sent twice");
            var replayed = stream.after(ph, 0, 1000).await().atMost(T);
            assertEquals(replayed.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(
                        replayed.get(i).data(), got.get(i).data(), "event " + (i + 1) + " differs from its replay");
                assertEquals(replayed.get(i).recordedAt(), got.get(i).recordedAt());
                assertEquals(replayed.get(i).event(), got.get(i).event());
            }
        } finally {
            subscription.cancel();
        }
    }
}
