package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.idempotency.IdempotencyStore;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * #21 item 3: the answer of a redemption (and of a reversal) is stored in the transaction of its money.
 * The engine is made to fail right after that transaction commits, before anything else runs, as a crash
 * (SIGKILL) between the commit and the answer would: the key is already DONE with the answer, in the same
 * commit as the dispense, and the counter's retry with the same Idempotency-Key gets the original 200 with
 * its money block, never IDEMPOTENCY_IN_PROGRESS nor CODE_ALREADY_REDEEMED.
 */
@QuarkusTest
class IdempotentMoneyAfterACrashTest {
    static final String PHARMACY = "DEMO-PH-BJ-01";

    @Inject
    Pool pool;

    @Inject
    IdempotencyStore idempotency;

    private Row row(String sql, Object... args) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    private static Response post(String path, String key, String body) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(PHARMACY)))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post(path);
    }

    @Test
    void a_crash_between_the_commit_and_the_answer_leaves_the_answer_stored_with_the_money() {
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
        String redeem = "{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}";
        String key = "crash-" + UUID.randomUUID();

        // the redemption commits, then the engine "dies" before it can answer
        idempotency.crashAfterCommitOnce(key);
        post("/api/v1/pharmacy/redemptions", key, redeem).then().statusCode(500);

        // what the crash left: the key DONE with the answer, committed with the dispense it answers for
        Row stored = row(
                "select state, status_code, response_body from idempotency_key where caller = $1 and idem_key = $2",
                PHARMACY,
                key);
        assertEquals("DONE", stored.getString("state"));
        assertEquals(200, stored.getInteger("status_code"));
        JsonPath answer = JsonPath.from(stored.getString("response_body"));
        String redemption = answer.getString("redemptionId");
        Row dispense = row(
                "select insurer_pays_fen, policy_number from dispense where id = $1::uuid and kind = 'DISPENSE'",
                redemption);
        assertEquals(m.policyNumber(), dispense.getString("policy_number"));
        long insurer = dispense.getLong("insurer_pays_fen");
        assertTrue(insurer > 0);
        assertEquals(insurer, answer.getLong("money.insurerPaysFen"));

        // the counter retries: the original answer with its money block, byte for byte
        Response retried = post("/api/v1/pharmacy/redemptions", key, redeem);
        retried.then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("redemptionId", equalTo(redemption))
                .body("money.insurerPaysFen", equalTo((int) insurer));
        assertEquals(stored.getString("response_body"), retried.asString());

        // the same for a reversal
        String reversalKey = "crash-" + UUID.randomUUID();
        String reversalPath = "/api/v1/pharmacy/redemptions/" + redemption + "/reversal";
        idempotency.crashAfterCommitOnce(reversalKey);
        post(reversalPath, reversalKey, "{\"reasonCode\":\"RETURNED\"}").then().statusCode(500);
        Row reversal = row(
                "select state, response_body from idempotency_key where caller = $1 and idem_key = $2",
                PHARMACY,
                reversalKey);
        assertEquals("DONE", reversal.getString("state"));
        assertEquals(
                1L,
                row("select count(*) from dispense where reverses = $1::uuid", redemption)
                        .getLong(0));
        post(reversalPath, reversalKey, "{\"reasonCode\":\"RETURNED\"}")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("redemptionId", equalTo(redemption))
                .body("money.insurerPaysFen", equalTo(-(int) insurer));
        assertEquals(
                0L,
                row("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber())
                        .getLong(0));
    }
}
