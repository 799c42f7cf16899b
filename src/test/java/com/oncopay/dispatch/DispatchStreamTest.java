package com.oncopay.dispatch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Dispatch events through the real outbox relay, the real Kafka broker and real SSE connections. */
@QuarkusTest
class DispatchStreamTest {
    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    /** Makes one PICKUP_RESERVED event for a pharmacy (a member choosing store pickup there). */
    static void reserve(String pharmacy) {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String p = given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("""
                        {"memberId":"%s","drugId":"D002","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacy + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment")
                .then()
                .statusCode(201);
    }

    /** A consumer of its own group that reads the topic from its first record (the broker keeps earlier test runs' records). */
    static KafkaConsumer<String, String> consumerFromTheStart() {
        Properties props = new Properties();
        props.put(
                "bootstrap.servers",
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("kafka.bootstrap.servers", String.class));
        props.put("group.id", "dispatch-test-" + java.util.UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    static JsonPath catchUp(String pharmacy, long after) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(pharmacy)))
                .accept("application/json")
                .when()
                .get("/api/v1/pharmacies/" + pharmacy + "/dispatch-events?after=" + after + "&limit=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long last(String pharmacy) {
        List<Long> ids = catchUp(pharmacy, 0).getList("events.id", Long.class);
        return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
    }

    /** Reads an SSE stream line by line into a queue of (id, event) pairs. */
    final class SseReader implements AutoCloseable {
        final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        final HttpClient client = HttpClient.newHttpClient();
        final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;
        volatile Stream<String> body;

        SseReader(String pharmacy, Long lastEventId) {
            HttpRequest.Builder b = HttpRequest.newBuilder(
                            URI.create(base.toString() + "api/v1/pharmacies/" + pharmacy + "/dispatch-events"))
                    .header("Authorization", TestTokens.bearer(TestTokens.pharmacy(pharmacy)))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) b.header("Last-Event-ID", Long.toString(lastEventId));
            response = client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                body = r.body();
                String[] current = new String[2];
                body.forEach(line -> {
                    if (line.startsWith("id:")) current[0] = line.substring(3).strip();
                    else if (line.startsWith("event:"))
                        current[1] = line.substring(6).strip();
                    else if (line.isEmpty() && current[0] != null) {
                        events.add(new String[] {current[0], current[1]});
                        current[0] = null;
                        current[1] = null;
                    }
                });
            });
        }

        List<Long> take(int n, Duration timeout) throws InterruptedException {
            List<Long> ids = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ids.size() < n) {
                String[] e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) break;
                ids.add(Long.parseLong(e[0]));
            }
            return ids;
        }

        @Override
        public void close() {
            response.cancel(true);
            Stream<String> b = body;
            if (b != null) b.close(); // closes the connection: the server sees the client go
        }
    }

    @Test
    void events_of_two_pharmacies_are_each_in_order_on_their_own_stream() {
        long gz = last("DEMO-PH-GZ-01"), sh = last("DEMO-PH-SH-01");
        for (int i = 0; i < 3; i++) {
            reserve("DEMO-PH-GZ-01");
            reserve("DEMO-PH-SH-01");
        }
        JsonPath a = catchUp("DEMO-PH-GZ-01", gz), b = catchUp("DEMO-PH-SH-01", sh);
        assertEquals(List.of(gz + 1, gz + 2, gz + 3), a.getList("events.id", Long.class));
        assertEquals(List.of(sh + 1, sh + 2, sh + 3), b.getList("events.id", Long.class));
        assertTrue(a.getList("events.event", String.class).stream().allMatch("PICKUP_RESERVED"::equals));
        assertEquals("dispatch-event/v1", a.getString("events[0].data.schema"));
        assertTrue(a.getString("events[0].data.memberName").endsWith("*"));
        // when the event was committed, so a consumer can measure delivery delay (the benchmark's SSE scenario does)
        assertTrue(
                java.time.OffsetDateTime.parse(a.getString("events[0].data.recordedAt"))
                        .isAfter(java.time.OffsetDateTime.now().minusHours(1)),
                a.getString("events[0].data.recordedAt"));
    }

    @Test
    void a_client_reconnecting_with_last_event_id_gets_what_it_missed_and_then_live_events_with_none_repeated()
            throws Exception {
        String ph = "DEMO-PH-BJ-01";
        reserve(ph);
        long k = last(ph);
        List<Long> first;
        try (SseReader sse = new SseReader(ph, k - 1)) {
            assertEquals(List.of(k), sse.take(1, Duration.ofSeconds(10)), "replay after Last-Event-ID");
            long made = System.nanoTime();
            reserve(ph);
            first = sse.take(1, Duration.ofSeconds(10));
            long latencyMs = (System.nanoTime() - made) / 1_000_000;
            assertEquals(List.of(k + 1), first, "live");
            assertTrue(latencyMs < 2000, "live within two seconds, was " + latencyMs + " ms");
        }
        // disconnected after k+1: events keep coming
        reserve(ph);
        reserve(ph);
        try (SseReader sse = new SseReader(ph, k + 1)) {
            assertEquals(List.of(k + 2, k + 3), sse.take(2, Duration.ofSeconds(10)));
            reserve(ph);
            assertEquals(List.of(k + 4), sse.take(1, Duration.ofSeconds(10)));
            assertTrue(sse.take(1, Duration.ofSeconds(3)).isEmpty(), "nothing repeated");
        }
    }

    @Test
    void every_event_reaches_kafka_keyed_by_pharmacy_in_order() throws Exception {
        String ph = "DEMO-PH-GZ-01";
        long before = last(ph);
        reserve(ph);
        reserve(ph);
        // matched by the events' own fulfilment ids: the broker keeps records of earlier test runs
        List<String> ours = catchUp(ph, before).getList("events.data.fulfilmentId", String.class);
        assertEquals(2, ours.size());
        Map<String, Integer> seen = new HashMap<>();
        List<Long> order = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromTheStart()) {
            consumer.subscribe(List.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("mp.messaging.outgoing.dispatch-out.topic", String.class)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.keySet().containsAll(ours) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!ph.equals(r.key())) continue;
                    io.vertx.core.json.JsonObject e = new io.vertx.core.json.JsonObject(r.value());
                    assertEquals(ph, e.getString("pharmacyCode"));
                    if (!ours.contains(e.getString("aggregateId"))) continue;
                    if (seen.merge(e.getString("aggregateId"), 1, Integer::sum) == 1) order.add(e.getLong("seq"));
                }
            }
        }
        assertTrue(seen.keySet().containsAll(ours), "both events on the topic: " + seen.keySet());
        assertEquals(List.of(before + 1, before + 2), order, "in stream order within the pharmacy's partition");
        Row unsent = pool.query(
                        "select count(*) from outbox where sent_at is null and created_at < now() - interval '10 seconds'")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals(0L, unsent.getLong(0), "the relay marks rows sent once Kafka acknowledged them");
    }

    @Test
    void another_pharmacys_stream_is_not_found() {
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-SH-01")))
                .accept("application/json")
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/dispatch-events")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-SH-01")))
                .accept("text/event-stream")
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/dispatch-events")
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .accept("application/json")
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/dispatch-events")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-SH-01")))
                .accept("application/json")
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-SH-01/dispatch-events?after=-1")
                .then()
                .statusCode(400);
    }

    @Test
    void no_payload_carries_an_identity_number_or_an_icd_code() {
        reserve("DEMO-PH-BJ-01");
        Pattern idNumber = Pattern.compile("[0-9]{17}[0-9Xx]");
        Pattern icd = Pattern.compile("\"[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?\"");
        int scanned = 0;
        for (Row r :
                pool.query("select payload::text from outbox").execute().await().indefinitely()) {
            String payload = r.getString(0);
            assertFalse(idNumber.matcher(payload).find(), payload);
            assertFalse(icd.matcher(payload).find(), payload);
            scanned++;
        }
        assertTrue(scanned > 0);
    }

    @Test
    void no_event_carries_a_delivery_street_or_phone_and_the_pharmacy_reads_them_audited() throws Exception {
        String ph = "DEMO-PH-BJ-01";
        long before = last(ph);
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String phone = "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String street = "幸福路" + (int) (Math.random() * 9000 + 1000) + "号";
        String p = given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        String f = given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("{\"mode\":\"DELIVERY\",\"pharmacyCode\":\"" + ph
                        + "\",\"address\":{\"province\":\"北京\",\"city\":\"北京\"," + "\"district\":\"东城区\",\"line\":\""
                        + street + "\",\"phone\":\"" + phone + "\"}}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");

        for (Row r :
                pool.query("select payload::text from outbox").execute().await().indefinitely()) {
            assertFalse(r.getString(0).contains(phone) || r.getString(0).contains(street), r.getString(0));
        }
        String events = given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(ph)))
                .accept("application/json")
                .when()
                .get("/api/v1/pharmacies/" + ph + "/dispatch-events?after=" + before + "&limit=1000")
                .then()
                .statusCode(200)
                .body("events.find { it.data.fulfilmentId == '" + f + "' }.data.deliveryCity", equalTo("北京"))
                .extract()
                .asString();
        assertFalse(events.contains(phone) || events.contains(street), events);
        boolean found = false;
        try (KafkaConsumer<String, String> consumer = consumerFromTheStart()) {
            consumer.subscribe(List.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("mp.messaging.outgoing.dispatch-out.topic", String.class)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    assertFalse(r.value().contains(phone) || r.value().contains(street), r.value());
                    found |= r.value().contains(f);
                }
            }
        }
        assertTrue(found, "the delivery's event reached Kafka");

        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(ph)))
                .when()
                .get("/api/v1/deliveries/" + f + "/address")
                .then()
                .statusCode(200)
                .body("line", equalTo(street))
                .body("phone", equalTo(phone))
                .header("Cache-Control", equalTo("no-store"));
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-SH-01")))
                .when()
                .get("/api/v1/deliveries/" + f + "/address")
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .when()
                .get("/api/v1/deliveries/" + f + "/address")
                .then()
                .statusCode(403);
        assertEquals(
                1L,
                pool.preparedQuery(
                                "select count(*) from audit_log where action = 'DELIVERY_ADDRESS_READ' and object_id = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(f))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0));
    }
}
