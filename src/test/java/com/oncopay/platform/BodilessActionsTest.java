package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * #19 item 6: an action that takes no body accepts a request without one and answers as usual; 415 is only for a body
 * of the wrong type. {@link #curl} sends exactly what {@code curl -X POST} sends (no Content-Type, no Content-Length);
 * {@link #everyWay} also sends an empty body the ways libraries do (no Content-Type with {@code Content-Length: 0}, an
 * empty form as {@code curl -d ''} sends, text/plain, RestAssured's default) where a repeat changes nothing.
 * {@link BodilessActionsGuardTest} finds every bodiless action of the resources and checks {@link #ACTIONS} lists them.
 */
@QuarkusTest
class BodilessActionsTest {
    /** Every action without a request body, as the guard finds them (paths under /api/v1). */
    static final List<String> ACTIONS = List.of(
            "POST /aid-cases/{id}/submit",
            "POST /aid-cases/{id}/withdraw",
            "POST /fulfilments/{id}/cancel",
            "POST /catalog/reload",
            "POST /admin/field-keys/re-encryption");

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String body) {}

    /** The request {@code curl -X POST} sends: request line and headers only, no Content-Type, no Content-Length. */
    private Answer curl(String token, String path) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/v1" + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\nAuthorization: " + TestTokens.bearer(token)
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Answer(
                    Integer.parseInt(response.substring(9, 12)),
                    bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        }
    }

    /** The same action with an empty body sent every other way; each must answer {@code status} (never 415). */
    private void everyWay(String token, String path, int status) throws Exception {
        Answer plain = curl(token, path);
        assertEquals(status, plain.status(), "curl -X POST " + path + ": " + plain.body());
        String url = base.toString().replaceAll("/$", "") + "/api/v1" + path;
        HttpResponse<String> noType = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", TestTokens.bearer(token))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, noType.statusCode(), "no Content-Type, Content-Length 0: " + path + " " + noType.body());
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain; charset=ISO-8859-1")) {
            HttpResponse<String> typed = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", TestTokens.bearer(token))
                            .header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(status, typed.statusCode(), "empty body as " + type + ": " + path + " " + typed.body());
        }
        given().header("Authorization", TestTokens.bearer(token))
                .when()
                .post("/api/v1" + path)
                .then()
                .statusCode(status);
    }

    private static RequestSpecification json(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    private static String aidCase(String coord, String memberId) {
        return json(coord)
                .body("{\"memberId\":\"" + memberId + "\",\"drugId\":\"D001\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(201)
                .extract()
                .path("caseId");
    }

    @Test
    void aid_case_submit_and_withdraw_without_a_body() throws Exception {
        String coord =
                TestTokens.coordinator("coord-" + UUID.randomUUID().toString().substring(0, 6));
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = aidCase(coord, m.memberId());
        // before the materials: the rule's own answer, not 415, however the empty body is sent
        everyWay(coord, "/aid-cases/" + id + "/submit", 422);
        assertTrue(curl(coord, "/aid-cases/" + id + "/submit").body().contains("MATERIALS_INCOMPLETE"));
        for (String kind : new String[] {"PERSONAL", "MEDICAL", "FINANCIAL"}) {
            json(coord)
                    .body("{\"received\":true,\"channel\":\"" + (kind.equals("FINANCIAL") ? "POST" : "ONLINE")
                            + "\",\"note\":\"ok\"}")
                    .when()
                    .put("/api/v1/aid-cases/" + id + "/materials/" + kind)
                    .then()
                    .statusCode(200);
        }
        Answer submitted = curl(coord, "/aid-cases/" + id + "/submit");
        assertEquals(200, submitted.status(), submitted.body());
        assertTrue(submitted.body().contains("\"SUBMITTED\""), submitted.body());

        Answer withdrawn = curl(coord, "/aid-cases/" + id + "/withdraw");
        assertEquals(200, withdrawn.status(), withdrawn.body());
        assertTrue(withdrawn.body().contains("\"WITHDRAWN\""), withdrawn.body());
        // withdrawn is final: both actions are refused by the state, not by the media type
        everyWay(coord, "/aid-cases/" + id + "/submit", 409);
    }

    @Test
    void fulfilment_cancel_without_a_body() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String member = TestTokens.member(m.memberId());
        String prescription = json(member)
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
        String fulfilment = json(member)
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        Answer cancelled = curl(member, "/fulfilments/" + fulfilment + "/cancel");
        assertEquals(204, cancelled.status(), cancelled.body());
        // and again: the state refuses it, still not 415
        everyWay(member, "/fulfilments/" + fulfilment + "/cancel", 409);
    }

    @Test
    void catalog_reload_and_key_re_encryption_without_a_body() throws Exception {
        // the reload's own answer depends on the versions other tests published (200, or 409
        // CATALOG_VERSION_NOT_LATER once a later version is in): whatever it is, every way gets it, never 415
        Answer reload = curl(TestTokens.admin(), "/catalog/reload");
        assertTrue(
                reload.status() == 200 && reload.body().contains("\"outcome\"")
                        || reload.status() == 409 && reload.body().contains("CATALOG_VERSION_NOT_LATER"),
                reload.status() + " " + reload.body());
        everyWay(TestTokens.admin(), "/catalog/reload", reload.status());
        everyWay(TestTokens.admin(), "/admin/field-keys/re-encryption", 200);
        assertTrue(curl(TestTokens.admin(), "/admin/field-keys/re-encryption")
                .body()
                .contains("\"activeKeyId\""));
    }

    @Test
    void a_body_of_the_wrong_type_is_still_415() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("text/plain")
                .body("{\"memberId\":\"" + m.memberId() + "\",\"drugId\":\"D001\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/xml")
                .body("<hospital/>")
                .when()
                .post("/api/v1/hospitals")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }
}
