package com.oncopay.cancellation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 item 5 (seed 004: 犹豫期内提出解除合同，我们将无息退还您所支付的全部保险费). The business clock of the test profile is
 * Monday 2026-11-23 10:00 Asia/Shanghai.
 */
@QuarkusTest
class PolicyCancellationResourceTest {
    static final String BJ = "DEMO-PH-BJ-01";

    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    private long one(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    static Response cancel(String token, String policy, String body) {
        return as(token).body(body).when().post("/api/v1/policies/" + policy + "/cancellation");
    }

    static String body(String effective, String reason) {
        return "{\"effectiveDate\":\"" + effective + "\",\"reason\":\"" + reason + "\",\"note\":\"客户来电申请\"}";
    }

    static Response eligibility(Fixtures.Member m, String on) {
        return as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D002" + (on == null ? "" : "&on=" + on));
    }

    static String approved(Fixtures.Member m, String drug) {
        return as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
    }

    static Response choose(Fixtures.Member m, String prescription) {
        return as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment");
    }

    static Response redeem(Fixtures.Member m, String code) {
        return as(TestTokens.pharmacy(BJ))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0,\"traceCodes\":[\"TR"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 18) + "\"]}")
                .when()
                .post("/api/v1/pharmacy/redemptions");
    }

    /** A second policy term of the member, with its own dates (and its receipt day when given). */
    static String policy(Fixtures.Member m, String effective, String expiry, String previous, String receivedOn) {
        String number = Fixtures.unique("POL");
        as(TestTokens.admin())
                .body("""
                        {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"测试会员","idType":"RESIDENT_ID",
                         "idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,"socialInsurance":false},
                         "effectiveDate":"%s","expiryDate":"%s"%s%s}""".formatted(
                                number,
                                m.memberId(),
                                m.idNumber(),
                                effective,
                                expiry,
                                previous == null ? "" : ",\"previousPolicyNumber\":\"" + previous + "\"",
                                receivedOn == null ? "" : ",\"receivedOn\":\"" + receivedOn + "\""))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        return number;
    }

    @Test
    void a_retroactive_termination_ends_cover_voids_the_open_code_and_recovers_the_later_dispense() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        Response dispensed = redeem(
                m,
                choose(m, approved(m, "D001")).then().statusCode(201).extract().path("pickupCode"));
        dispensed.then().statusCode(200);
        long insurer = dispensed.jsonPath().getLong("money.insurerPaysFen");
        String p2 = approved(m, "D002");
        Response open = choose(m, p2);
        open.then().statusCode(201);
        String openCode = open.path("pickupCode");
        String openFulfilment = open.path("fulfilmentId");
        // the answer is cached before the cancellation
        eligibility(m, null).then().statusCode(200).body("eligible", equalTo(true));
        eligibility(m, null).then().statusCode(200).header("X-Cache", "HIT").body("eligible", equalTo(true));

        // ADMIN only; an unknown policy is 404; the body is checked
        cancel(TestTokens.reviewer(), m.policyNumber(), body("2026-11-20", "TERMINATION"))
                .then()
                .statusCode(403);
        cancel(TestTokens.member(m.memberId()), m.policyNumber(), body("2026-11-20", "TERMINATION"))
                .then()
                .statusCode(403);
        cancel(TestTokens.pharmacy(BJ), m.policyNumber(), body("2026-11-20", "TERMINATION"))
                .then()
                .statusCode(403);
        cancel(TestTokens.admin(), "POL-NO-SUCH", body("2026-11-20", "TERMINATION"))
                .then()
                .statusCode(404)
                .body("code", equalTo("POLICY_NOT_FOUND"));
        cancel(TestTokens.admin(), m.policyNumber(), body("2026-11-20", "CHANGED_MIND"))
                .then()
                .statusCode(400);
        cancel(TestTokens.admin(), m.policyNumber(), "{\"reason\":\"TERMINATION\"}")
                .then()
                .statusCode(400);
        cancel(
                        TestTokens.admin(),
                        m.policyNumber(),
                        "{\"effectiveDate\":\"2026-11-20\",\"reason\":\"TERMINATION\"," + "\"note\":\"身份证 "
                                + m.idNumber() + "\"}")
                .then()
                .statusCode(400)
                .body("errors.code", hasItem("CONTAINS_ID_NUMBER"));
        // after the cooling-off period (policy from 2026-01-01: it ended 2026-01-16) only a termination is possible
        cancel(TestTokens.admin(), m.policyNumber(), body("2026-11-20", "COOLING_OFF"))
                .then()
                .statusCode(422)
                .body("code", equalTo("COOLING_OFF_PERIOD_OVER"));
        as(TestTokens.admin())
                .header("Accept-Language", "en")
                .body(body("2027-01-01", "TERMINATION"))
                .when()
                .post("/api/v1/policies/" + m.policyNumber() + "/cancellation")
                .then()
                .statusCode(422)
                .body("code", equalTo("CANCELLATION_AFTER_POLICY_END"))
                .body("title", equalTo("Cancellation after the policy's end"));
        cancel(TestTokens.admin(), m.policyNumber(), body("2025-12-31", "TERMINATION"))
                .then()
                .statusCode(422)
                .body("code", equalTo("CANCELLATION_BEFORE_POLICY_START"));
        assertEquals(0, one("select count(*) from policy_cancellation where policy_number = $1", m.policyNumber()));
        eligibility(m, null).then().header("X-Cache", org.hamcrest.Matchers.oneOf("HIT", "NEAR")); // 3rd read

        Response cancelled = cancel(TestTokens.admin(), m.policyNumber(), body("2026-11-20", "TERMINATION"));
        cancelled
                .then()
                .statusCode(200)
                .body("policyNumber", equalTo(m.policyNumber()))
                .body("reason", equalTo("TERMINATION"))
                .body("effectiveDate", equalTo("2026-11-20"))
                .body("cancelledFrom", equalTo("2026-11-20"))
                .body("lastCoveredOn", equalTo("2026-11-19"))
                .body("coolingOffEndsOn", equalTo("2026-01-16"))
                .body("premiumRefund", equalTo("PER_POLICY_TERMS"))
                .body("voidedFulfilments", contains(openFulfilment))
                .body("receivables", hasSize(1))
                .body("receivables[0].amountFen", equalTo((int) insurer));
        assertFalse(cancelled.asString().contains(m.idNumber()));
        String receivable = cancelled.path("receivables[0].receivableId");

        // eligibility: no cover from the effective date on, even though the answer had been cached; the day before
        // still
        eligibility(m, null)
                .then()
                .statusCode(200)
                .header("X-Cache", "MISS")
                .body("eligible", equalTo(false))
                .body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));
        eligibility(m, "2026-11-20").then().body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));
        eligibility(m, "2026-11-19")
                .then()
                .body("eligible", equalTo(true))
                .body("policyNumber", equalTo(m.policyNumber()));

        // the open code: voided, its pharmacy told, its redemption refused, and no new code drawn on the policy
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = $1 and event_type = 'CANCELLED' and aggregate_id = $2 "
                                + "and payload->>'reason' = 'POLICY_CANCELLED' and payload::text not like $3",
                        BJ,
                        openFulfilment,
                        "%" + m.idNumber() + "%"));
        long dispenses = one("select count(*) from dispense where policy_number = $1", m.policyNumber());
        redeem(m, openCode).then().statusCode(410).body("code", equalTo("CODE_EXPIRED"));
        choose(m, p2).then().statusCode(422).body("code", equalTo("POLICY_NOT_IN_FORCE"));
        assertEquals(dispenses, one("select count(*) from dispense where policy_number = $1", m.policyNumber()));

        // the dispense of 2026-11-23 (after the effective date) is owed back: ledger row, finance event, visible to the
        // member
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/receivables")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].receivableId", equalTo(receivable))
                .body("items[0].reasonCode", equalTo("POLICY_CANCELLED"))
                .body("items[0].amountFen", equalTo((int) insurer))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].claimId", nullValue());
        assertEquals(
                insurer,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'MEMBER_RECEIVABLE'",
                        UUID.fromString(receivable)));
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = '_insurer' and event_type = 'MEMBER_RECEIVABLE_OPENED' "
                                + "and aggregate_id = $1 and payload->>'cause' = 'POLICY_CANCELLED'",
                        receivable));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'POLICY_CANCELLED' and object_id = $1 "
                                + "and detail->>'reason' = 'TERMINATION' and detail::text not like $2",
                        m.policyNumber(),
                        "%" + m.idNumber() + "%"));
        as(TestTokens.admin())
                .when()
                .get("/api/v1/policies/" + m.policyNumber())
                .then()
                .statusCode(200)
                .body("cancelledFrom", equalTo("2026-11-20"));

        // once only
        cancel(TestTokens.admin(), m.policyNumber(), body("2026-11-21", "MISUSE"))
                .then()
                .statusCode(409)
                .body("code", equalTo("POLICY_ALREADY_CANCELLED"));
        assertEquals(1, one("select count(*) from member_receivable where member_id = $1", m.memberId()));
    }

    @Test
    void a_cooling_off_cancellation_voids_the_term_from_its_start_only_inside_the_15_days() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        // the member's 2026 term ends early (from 2026-11-04), to make room for a term bought on 2026-11-05
        cancel(TestTokens.admin(), m.policyNumber(), body("2026-11-04", "TERMINATION"))
                .then()
                .statusCode(200);
        // no receipt recorded: the cooling-off period runs 2026-11-06..2026-11-20 after the effective date 2026-11-05
        String late = policy(m, "2026-11-05", "2027-11-04", null, null);
        cancel(TestTokens.admin(), late, body("2026-11-21", "COOLING_OFF"))
                .then()
                .statusCode(422)
                .body("code", equalTo("COOLING_OFF_PERIOD_OVER"));
        cancel(TestTokens.admin(), late, body("2026-11-20", "COOLING_OFF"))
                .then()
                .statusCode(200)
                .body("cancelledFrom", equalTo("2026-11-05"))
                .body("lastCoveredOn", equalTo("2026-11-04"))
                .body("coolingOffEndsOn", equalTo("2026-11-20"))
                .body("premiumRefund", equalTo("FULL_PREMIUM"));
        // no day of the voided term was covered
        eligibility(m, "2026-11-05").then().body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));
        eligibility(m, "2026-11-20").then().body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));

        // received on 2026-11-10: the 15 days run to 2026-11-25, so a cooling-off cancellation today is still possible
        var r = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        cancel(TestTokens.admin(), r.policyNumber(), body("2026-10-31", "TERMINATION"))
                .then()
                .statusCode(200);
        String received = policy(r, "2026-11-01", "2027-10-31", null, "2026-11-10");
        as(TestTokens.admin())
                .when()
                .get("/api/v1/policies/" + received)
                .then()
                .body("receivedOn", equalTo("2026-11-10"))
                .body("cancelledFrom", nullValue());
        String key = UUID.randomUUID().toString();
        for (String replayed : new String[] {null, "true"}) {
            var answer = as(TestTokens.admin())
                    .header("Idempotency-Key", key)
                    .body(body("2026-11-23", "COOLING_OFF"))
                    .when()
                    .post("/api/v1/policies/" + received + "/cancellation")
                    .then()
                    .statusCode(200)
                    .body("coolingOffEndsOn", equalTo("2026-11-25"))
                    .body("cancelledFrom", equalTo("2026-11-01"));
            if (replayed != null) answer.header("Idempotent-Replayed", replayed);
        }
        assertEquals(1, one("select count(*) from policy_cancellation where policy_number = $1", received));

        // a voided term covers no day, so a new term may start inside its dates; naming it, it starts a new chain
        String fresh = policy(m, "2026-11-23", "2027-11-22", late, null);
        eligibility(m, null)
                .then()
                .body("policyNumber", equalTo(fresh))
                .body("waitingPeriodEndsOn", equalTo("2027-02-20"))
                .body("reasons.code", hasItem("PRE_EXISTING"));
        // a renewal of a terminated term starts a new chain: the waiting period counts again from its first day, and
        // the
        // 2026 diagnosis is before that chain (without the termination: one chain from 2026-01-01, ended 2026-03-31)
        var n = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        cancel(TestTokens.admin(), n.policyNumber(), body("2026-12-01", "TERMINATION"))
                .then()
                .statusCode(200);
        String renewal = policy(n, "2027-01-01", "2027-12-31", n.policyNumber(), null);
        eligibility(n, "2027-01-10")
                .then()
                .statusCode(200)
                .body("policyNumber", equalTo(renewal))
                .body("waitingPeriodEndsOn", equalTo("2027-03-31"))
                .body("reasons.code", hasItem("PRE_EXISTING"));
        eligibility(n, "2026-11-30").then().body("eligible", equalTo(true));
    }

    @Test
    void a_later_termination_leaves_the_open_code_usable_until_then_and_two_racing_cancellations_make_one() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        Response open = choose(m, approved(m, "D001"));
        open.then().statusCode(201);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(
                () -> cancel(TestTokens.admin(), m.policyNumber(), body("2026-12-01", "TERMINATION"))
                        .statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(
                () -> cancel(TestTokens.admin(), m.policyNumber(), body("2026-12-01", "MISUSE"))
                        .statusCode());
        assertEquals(
                List.of(200, 409), List.of(a.join(), b.join()).stream().sorted().toList());
        assertEquals(1, one("select count(*) from policy_cancellation where policy_number = $1", m.policyNumber()));
        eligibility(m, null).then().body("eligible", equalTo(true));
        eligibility(m, "2026-12-01").then().body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));
        // the code stays open (cover runs until 2026-11-30) and is redeemed today: nothing to recover
        redeem(m, open.path("pickupCode")).then().statusCode(200);
        assertEquals(0, one("select count(*) from member_receivable where member_id = $1", m.memberId()));
    }
}
