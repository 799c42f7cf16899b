package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyAndAuditTest {
    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static io.restassured.response.Response post(String key, String body) {
        var spec = given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json")
                .body(body);
        if (key != null) spec.header("Idempotency-Key", key);
        return spec.when().post("/api/v1/test-probe");
    }

    private long auditRows(String probeId) {
        return pool.preparedQuery("select count(*) from audit_log where object_type = 'probe' and object_id = $1")
                .execute(Tuple.of(probeId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void the_same_key_and_body_replays_the_first_result_without_running_again() {
        String key = "k-" + UUID.randomUUID();
        String body = "{\"memberId\":\"m-1\",\"amountFen\":12345,\"kind\":\"DISPENSE\"}";
        String first = post(key, body)
                .then()
                .statusCode(201)
                .body("amountFen", equalTo(12345))
                .extract()
                .path("probeId");
        String second = post(key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("probeId");
        assertEquals(first, second);
        assertEquals(1, auditRows(first), "the action ran once");
    }

    @Test
    void the_same_key_with_a_different_body_is_422() {
        String key = "k-" + UUID.randomUUID();
        post(key, "{\"memberId\":\"m-1\",\"amountFen\":100,\"kind\":\"DISPENSE\"}")
                .then()
                .statusCode(201);
        post(key, "{\"memberId\":\"m-1\",\"amountFen\":101,\"kind\":\"DISPENSE\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void keys_are_scoped_per_caller() {
        String key = "k-" + UUID.randomUUID();
        String body = "{\"memberId\":\"m-1\",\"amountFen\":100,\"kind\":\"DISPENSE\"}";
        String first = post(key, body).then().statusCode(201).extract().path("probeId");
        String other = given().header("Authorization", TestTokens.bearer(TestTokens.token("ADMIN", "admin-2")))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(201)
                .extract()
                .path("probeId");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, other);
    }

    @Test
    void without_a_key_each_request_runs() {
        String body = "{\"memberId\":\"m-1\",\"amountFen\":100,\"kind\":\"DISPENSE\"}";
        String a = post(null, body).then().statusCode(201).extract().path("probeId");
        String b = post(null, body).then().statusCode(201).extract().path("probeId");
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
    }

    @Test
    void a_failed_first_attempt_releases_the_key() {
        String key = "k-" + UUID.randomUUID();
        post(key, "{\"memberId\":\"m-1\",\"amountFen\":\"bad\",\"kind\":\"DISPENSE\"}")
                .then()
                .statusCode(400);
        post(key, "{\"memberId\":\"m-1\",\"amountFen\":5,\"kind\":\"DISPENSE\"}")
                .then()
                .statusCode(201);
    }

    @Test
    void an_invalid_key_is_400() {
        post("has spaces in it", "{\"memberId\":\"m-1\",\"amountFen\":5,\"kind\":\"DISPENSE\"}")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));
    }

    @Test
    void an_audit_row_is_written_with_actor_and_role_and_cannot_be_altered() {
        String id = post(null, "{\"memberId\":\"m-1\",\"amountFen\":77,\"kind\":\"REVERSAL\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("probeId");
        var row = pool.preparedQuery(
                        "select actor, actor_role, action, detail::text from audit_log where object_id = $1")
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals("admin-1", row.getString(0));
        assertEquals("ADMIN", row.getString(1));
        assertEquals("PROBE_CREATED", row.getString(2));
        assertEquals("{\"amountFen\": 77}", row.getString(3));
        var update = pool.preparedQuery("update audit_log set actor = 'x' where object_id = $1")
                .execute(Tuple.of(id));
        org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class, () -> update.await().indefinitely());
    }
}
