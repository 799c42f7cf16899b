package com.oncopay.platform.observe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * #21 item 5: one redemption is one trace, from the HTTP server span through its PostgreSQL statements; a
 * problem body carries the trace id of its request. Also the money counters, counted after the commit.
 */
@QuarkusTest
class TracingTest {
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

    @Inject
    InMemorySpans spans;

    private static String pickupCode() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String prescription = given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("""
                {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
        String code = given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + PHARMACY + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        return "{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}";
    }

    private static Response redeem(String body, String key) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(PHARMACY)))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/pharmacy/redemptions");
    }

    private SpanData serverSpan(String path) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var found = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains(path))
                    .toList();
            if (!found.isEmpty()) {
                assertEquals(1, found.size(), "one server span for " + path + ": " + found);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no server span for " + path + " in " + spans.getFinishedSpanItems());
    }

    private static double metric(String name) {
        String text = given().when().get("/q/metrics").asString();
        return text.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> l.split(" # ")[0].strip()) // an exemplar (trace id) may follow the value
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void one_redemption_is_one_trace_with_its_database_spans_and_is_counted_once() throws Exception {
        String body = pickupCode();
        double redemptions = metric("oncopay_redemptions_total");
        double fen = metric("oncopay_redemptions_amount_fen_total");
        double replays = metric("oncopay_idempotent_replays_total");
        spans.reset();

        String key = "trace-" + UUID.randomUUID();
        Response answer = redeem(body, key);
        answer.then().statusCode(200);
        long insurer = answer.jsonPath().getLong("money.insurerPaysFen");

        SpanData server = serverSpan("/pharmacy/redemptions");
        assertTrue(!server.getParentSpanContext().isValid(), "the request starts its trace");
        String trace = server.getTraceId();
        Thread.sleep(300); // the batch processor exports the client spans with or after their parent
        List<SpanData> inTrace = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(trace))
                .toList();
        // the reactive PostgreSQL client's spans carry the statement (parameters as $n, never their values)
        List<SpanData> database = inTrace.stream()
                .filter(s -> s.getAttributes().get(DB_STATEMENT) != null)
                .toList();
        assertTrue(database.size() >= 5, "the redemption's statements are spans of its trace: " + inTrace);
        assertTrue(database.stream().allMatch(s -> s.getKind() == SpanKind.CLIENT));
        assertTrue(database.stream().anyMatch(s -> s.getName().startsWith("UPDATE accumulator")));
        assertTrue(
                inTrace.stream().anyMatch(s -> "redis".equals(s.getAttributes().get(DB_SYSTEM))),
                "the rate limit's Redis call is in the trace too");
        assertEquals(
                1, inTrace.stream().filter(s -> s.getKind() == SpanKind.SERVER).count(), "one request, one trace");

        // counted once, after the commit; the replay is counted as a replay, not as a second redemption
        assertEquals(redemptions + 1, metric("oncopay_redemptions_total"));
        assertEquals(fen + insurer, metric("oncopay_redemptions_amount_fen_total"));
        redeem(body, key).then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(redemptions + 1, metric("oncopay_redemptions_total"));
        assertEquals(replays + 1, metric("oncopay_idempotent_replays_total"));
    }

    @Test
    void a_problem_body_carries_the_trace_id_of_its_request() throws Exception {
        spans.reset();
        String traceId = given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(PHARMACY)))
                .contentType("application/json")
                .body("{\"pickupCode\":\"not a code\",\"idNumber\":\"x\",\"prescriptionCollected\":true}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .contentType("application/problem+json")
                .extract()
                .path("traceId");
        assertTrue(traceId.matches("[0-9a-f]{32}"), traceId);
        assertEquals(traceId, serverSpan("/pharmacy/redemptions/preview").getTraceId());
    }

    @Inject
    io.opentelemetry.api.OpenTelemetry openTelemetry;

    /**
     * #22: the engine's own sampler (platform.tracing.TraceExport) decides, not Quarkus' configured one: here every
     * request's spans, as the test profile sets the ratio to 1 (unset and without an OTLP endpoint, none would).
     */
    @Test
    void the_engines_sampler_decides_which_requests_record_spans() {
        var sdk = (io.opentelemetry.sdk.OpenTelemetrySdk) openTelemetry;
        String sampler = sdk.getSdkTracerProvider().getSampler().getDescription();
        assertTrue(sampler.contains("ParentBased{root:TraceIdRatioBased{1.000000}"), sampler);
    }
}
