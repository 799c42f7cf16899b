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
                    "mp.messaging.incoming.dispatch-in.topic", "dispatch-events-not-written",
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
}
