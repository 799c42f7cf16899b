package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Several replicas may run the relay: while one holds the lease, the others send nothing. */
@QuarkusTest
class OutboxRelayLeaderTest {
    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    private long unsent() {
        return pool.query("select count(*) from outbox where sent_at is null")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void while_another_relay_holds_the_lease_no_row_is_sent_and_then_all_are() throws Exception {
        SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        try {
            var tx = other.begin().await().atMost(Duration.ofSeconds(5));
            other.query("select pg_advisory_xact_lock(" + OutboxRelay.LOCK_KEY + ")")
                    .execute()
                    .await()
                    .atMost(Duration.ofSeconds(5));
            DispatchStreamTest.reserve("DEMO-PH-BJ-01");
            DispatchStreamTest.reserve("DEMO-PH-BJ-01");
            assertEquals(
                    0, relay.relayOnce().await().atMost(Duration.ofSeconds(10)), "the other replica holds the lease");
            Thread.sleep(1000); // the background rounds of this replica are refused too
            assertTrue(unsent() >= 2);
            tx.rollback().await().atMost(Duration.ofSeconds(5)); // the other replica's round ends
        } finally {
            other.close().await().atMost(Duration.ofSeconds(5));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (unsent() > 0 && System.nanoTime() < deadline) Thread.sleep(200);
        assertEquals(0, unsent(), "sent once the lease is free");
    }
}
