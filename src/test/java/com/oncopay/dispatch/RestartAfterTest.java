package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Second half: a new instance on the same database (not cleaned) delivers what the stopped one left unsent. */
@QuarkusTest
@Order(2)
@TestProfile(RestartAfterTest.SameDatabase.class)
class RestartAfterTest {
    public static class SameDatabase implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }

    @Inject
    Pool pool;

    @Test
    void the_next_instance_sends_what_the_previous_one_left_and_the_streams_show_it() throws Exception {
        Assumptions.assumeTrue(Files.exists(RestartBeforeSendingTest.HANDOVER), "runs after RestartBeforeSendingTest");
        List<String> ours =
                List.of(Files.readString(RestartBeforeSendingTest.HANDOVER).split("\n"));
        Files.delete(RestartBeforeSendingTest.HANDOVER);
        String in = "('" + String.join("','", ours) + "')";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long unsent = -1;
        while (System.nanoTime() < deadline) {
            unsent = pool.query("select count(*) from outbox where sent_at is null and aggregate_id in " + in)
                    .execute()
                    .await()
                    .indefinitely()
                    .iterator()
                    .next()
                    .getLong(0);
            if (unsent == 0) break;
            Thread.sleep(300);
        }
        assertEquals(0, unsent, "sent after the restart");
        List<String> replayed =
                DispatchStreamTest.catchUp("DEMO-PH-GZ-01", 0).getList("events.data.fulfilmentId", String.class);
        assertTrue(replayed.containsAll(ours), "still on the pharmacy's stream");
    }
}
