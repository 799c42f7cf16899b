package com.oncopay.dispatch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Stops the real Kafka broker (the one scripts/services-up started), produces events, and
 * starts it again: nothing is lost, each event reaches the topic once, and the streams keep
 * serving from PostgreSQL meanwhile.
 */
@QuarkusTest
class DispatchBrokerOutageTest {
    @Inject
    Pool pool;

    static Path stateDir() {
        String dir = System.getenv("ONCOPAY_STATE_DIR");
        return Path.of(dir != null ? dir : System.getProperty("java.io.tmpdir"), dir != null ? "" : "oncopay-services");
    }

    static boolean listening() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", 9092)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private long unsent(List<Long> positions) {
        return pool.preparedQuery(
                        "select count(*) from outbox where pharmacy_code = 'DEMO-PH-SH-01' and seq = any($1) and sent_at is null")
                .execute(Tuple.of(positions.toArray(Long[]::new)))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_broker_outage_loses_nothing_and_sends_each_event_once() throws Exception {
        Path pidFile = stateDir().resolve("kafka.pid");
        Assumptions.assumeTrue(
                Files.exists(pidFile) && Files.exists(stateDir().resolve("started-kafka")),
                "the broker was not started by scripts/services-up, so this test cannot stop and restart it");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
        broker.destroy();
        broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(!listening(), "broker stopped");
        try {
            long before = DispatchStreamTest.last("DEMO-PH-SH-01");
            for (int i = 0; i < 3; i++) DispatchStreamTest.reserve("DEMO-PH-SH-01");
            List<Long> positions = List.of(before + 1, before + 2, before + 3);
            // the stream still serves them from PostgreSQL, wellness tells the broker is down, the rows wait
            var missed = DispatchStreamTest.catchUp("DEMO-PH-SH-01", before);
            assertEquals(positions, missed.getList("events.id", Long.class));
            List<String> fulfilments = missed.getList("events.data.fulfilmentId", String.class);
            // (#21: a broker outage must not take the pods out of the Service: readiness stays UP, wellness says it)
            given().when().get("/q/health/ready").then().statusCode(200);
            given().when()
                    .get("/q/health/well")
                    .then()
                    .body(
                            "checks.find { it.name == 'Kafka connection health check' }.status",
                            org.hamcrest.Matchers.equalTo("DOWN"));
            Thread.sleep(2000);
            assertEquals(3, unsent(positions), "nothing is marked sent while the broker is down");

            restartBroker();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (unsent(positions) > 0 && System.nanoTime() < deadline) Thread.sleep(500);
            assertEquals(0, unsent(positions), "all sent after the broker returned");

            // counted by the events' own fulfilment ids: the broker keeps earlier test runs' records
            Map<String, Integer> seen = new HashMap<>();
            Properties props = new Properties();
            props.put("bootstrap.servers", "127.0.0.1:9092");
            props.put("group.id", "outage-test-" + java.util.UUID.randomUUID());
            props.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("mp.messaging.outgoing.dispatch-out.topic", String.class)));
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < end && !(seen.keySet().containsAll(fulfilments))) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if ("DEMO-PH-SH-01".equals(r.key()))
                            seen.merge(
                                    new io.vertx.core.json.JsonObject(r.value()).getString("aggregateId"),
                                    1,
                                    Integer::sum);
                    }
                }
                // read a little longer to catch a duplicate
                for (int i = 0; i < 4; i++) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if ("DEMO-PH-SH-01".equals(r.key()))
                            seen.merge(
                                    new io.vertx.core.json.JsonObject(r.value()).getString("aggregateId"),
                                    1,
                                    Integer::sum);
                    }
                }
            }
            List<Integer> counts = new ArrayList<>();
            for (String f : fulfilments) counts.add(seen.getOrDefault(f, 0));
            assertEquals(List.of(1, 1, 1), counts, "each event on the topic exactly once");
        } finally {
            if (!listening()) restartBroker();
        }
    }

    static void restartBroker() throws Exception {
        Process p = new ProcessBuilder("bash", "scripts/services-up")
                .directory(new File("."))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/services-up.log")))
                .start();
        assertEquals(0, p.waitFor(), "scripts/services-up restarted the broker");
    }
}
