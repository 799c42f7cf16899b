package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * First half of the service-restart test: this instance cannot reach Kafka, so the events it
 * makes are still unsent when it stops. {@link RestartAfterTest} (the next instance, same
 * database) must deliver them.
 */
@QuarkusTest
@Order(1)
@TestProfile(RestartBeforeSendingTest.NoBroker.class)
class RestartBeforeSendingTest {
    static final Path HANDOVER = Path.of("target/restart-handover.txt");

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("kafka.bootstrap.servers", "127.0.0.1:9");
        }
    }

    @Inject
    Pool pool;

    @Test
    void events_made_while_the_broker_is_unreachable_are_unsent_when_this_instance_stops() throws Exception {
        long before = DispatchStreamTest.last("DEMO-PH-GZ-01");
        DispatchStreamTest.reserve("DEMO-PH-GZ-01");
        DispatchStreamTest.reserve("DEMO-PH-GZ-01");
        List<String> ours =
                DispatchStreamTest.catchUp("DEMO-PH-GZ-01", before).getList("events.data.fulfilmentId", String.class);
        assertEquals(2, ours.size());
        Thread.sleep(1500);
        long unsent = pool.query("select count(*) from outbox where sent_at is null and aggregate_id in ('"
                        + String.join("','", ours) + "')")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        assertEquals(2, unsent);
        Files.writeString(HANDOVER, String.join("\n", ours));
    }
}
