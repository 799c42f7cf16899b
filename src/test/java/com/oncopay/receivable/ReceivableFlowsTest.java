package com.oncopay.receivable;

import static com.oncopay.receivable.Steps.as;
import static com.oncopay.receivable.Steps.balances;
import static com.oncopay.receivable.Steps.dispensed;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 item 2: a denied liability, a reversal after the 7-day window and an over-payment open a MEMBER_RECEIVABLE with
 * its ledger rows; a reversal takes a dispense off a misuse receivable. Business clock: Monday 2026-11-23 10:00.
 */
@QuarkusTest
class ReceivableFlowsTest {
    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void backToThePinnedDay() {
        ((PinnedClock) clock)
                .pinTo(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant());
    }

    long one(String sql, Object... args) {
        return Steps.one(pool, sql, args);
    }

    @Test
    void a_denial_opens_the_receivable_and_gives_back_the_cover_in_its_transaction_and_the_dispense_stays() {
        var m = Fixtures.member("DEMO-GOLD", "1960-04-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        long insurer = Long.parseLong(d[2]);
        long deductible = Long.parseLong(d[3]);
        assertTrue(insurer > 0);
        assertEquals(
                insurer,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));

        Response denied = Steps.deny(d[4]);
        denied.then()
                .statusCode(200)
                .body("status", equalTo("LIABILITY_DENIED"))
                .body("receivableId", notNullValue());
        String receivable = denied.path("receivableId");

        // the accumulators exactly as before the dispense, as a reversal would leave them, but no REVERSAL row
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(0, one("select deductible_met_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(0, one("select count(*) from dispense where reverses = $1", UUID.fromString(d[1])));
        Steps.receivables(m.memberId())
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].receivableId", equalTo(receivable))
                .body("items[0].claimId", equalTo(d[4]))
                .body("items[0].reasonCode", equalTo("LIABILITY_DENIED"))
                .body("items[0].causeReasonCode", equalTo("EXCLUSION"))
                .body("items[0].amountFen", equalTo((int) insurer))
                .body("items[0].paidFen", equalTo(0))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].dueOn", equalTo("2026-12-23"))
                .body("items[0].items[0].dispenseId", equalTo(d[1]));
        UUID rid = UUID.fromString(receivable);
        assertEquals(
                insurer,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'MEMBER_RECEIVABLE'",
                        rid));
        assertEquals(
                insurer,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'SUM_INSURED_RELEASED'",
                        rid));
        assertEquals(
                -deductible,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'DEDUCTIBLE_MET'",
                        rid));
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = '_insurer' and aggregate_id = $1"
                                + " and event_type = 'MEMBER_RECEIVABLE_OPENED' and payload->>'cause' = 'LIABILITY_DENIED'",
                        receivable));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'RECEIVABLE_OPENED' and object_id = $1",
                        receivable));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'LIABILITY_DECIDED' and object_id = $1"
                                + " and detail->>'receivableId' = $2",
                        d[4],
                        receivable));
        // the pharmacy's settlement is unchanged: its dispense line stands, nothing for the pharmacy to do
        as(TestTokens.pharmacy(Steps.BJ))
                .when()
                .get("/api/v1/pharmacies/" + Steps.BJ + "/settlements?from=2026-11-23&to=2026-11-23")
                .then()
                .statusCode(200)
                .body("lines.redemptionId", hasItem(d[1]));
        assertEquals(
                0,
                one("select count(*) from outbox where aggregate_id = $1 and pharmacy_code <> '_insurer'", receivable));
        // the claim shows its receivable
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/claims")
                .then()
                .body("items[0].receivableId", equalTo(receivable));

        // after a denial the pharmacy can no longer reverse; inside the window there is no late reversal either
        Steps.reverse(d[1]).then().statusCode(409).body("code", equalTo("LIABILITY_DENIED"));
        Steps.reverseLate(TestTokens.admin(), d[1])
                .then()
                .statusCode(409)
                .body("code", equalTo("REVERSAL_WINDOW_OPEN"));
        Steps.deny(d[4]).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        balances(pool, m.policyNumber());
    }

    @Test
    void after_a_reversal_the_claim_is_withdrawn_and_a_denial_is_refused() {
        var m = Fixtures.member("DEMO-GOLD", "1961-04-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        Steps.reverse(d[1]).then().statusCode(200);
        Steps.deny(d[4]).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(0, one("select count(*) from member_receivable where member_id = $1", m.memberId()));
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        balances(pool, m.policyNumber());
    }

    @Test
    void a_late_reversal_is_recorded_by_the_insurer_and_opens_a_receivable_the_counter_refuses_it() {
        var m = Fixtures.member("DEMO-GOLD", "1962-04-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        long insurer = Long.parseLong(d[2]);
        ((PinnedClock) clock)
                .pinTo(OffsetDateTime.parse("2026-12-01T10:00:01+08:00").toInstant());
        Steps.reverse(d[1]).then().statusCode(409).body("code", equalTo("REVERSAL_WINDOW_CLOSED"));
        Steps.reverseLate(TestTokens.pharmacy(Steps.BJ), d[1]).then().statusCode(403);
        Steps.reverseLate(TestTokens.reviewer(), d[1]).then().statusCode(403);
        Steps.reverseLate(TestTokens.admin(), UUID.randomUUID().toString())
                .then()
                .statusCode(404);

        Response late = Steps.reverseLate(TestTokens.admin(), d[1]);
        late.then().statusCode(200).body("opened", equalTo(true)).body("amountFen", equalTo((int) insurer));
        String receivable = late.path("receivableId");
        Steps.receivables(m.memberId())
                .then()
                .body("items[0].receivableId", equalTo(receivable))
                .body("items[0].reasonCode", equalTo("LATE_REVERSAL"))
                .body("items[0].causeReasonCode", equalTo("RETURNED"))
                .body("items[0].claimId", equalTo(d[4]))
                .body("items[0].amountFen", equalTo((int) insurer))
                .body("items[0].dueOn", equalTo("2026-12-31"));
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(0, one("select count(*) from dispense where reverses = $1", UUID.fromString(d[1])));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/claims")
                .then()
                .body("items[0].status", equalTo("WITHDRAWN"))
                .body("items[0].reasonCode", equalTo("DISPENSE_REVERSED_LATE"));
        // once
        Steps.reverseLate(TestTokens.admin(), d[1]).then().statusCode(409).body("code", equalTo("DISPENSE_RECOVERED"));
        balances(pool, m.policyNumber());
    }

    @Test
    void an_over_payment_on_a_confirmed_claim_opens_a_receivable_of_the_part_outside_the_cover() {
        var m = Fixtures.member("DEMO-GOLD", "1963-04-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        long insurer = Long.parseLong(d[2]);
        long deductible = Long.parseLong(d[3]);
        Steps.overPayment(TestTokens.admin(), d[4], 100, "OVER_LIMIT", null)
                .then()
                .statusCode(409)
                .body("code", equalTo("CLAIM_NOT_CONFIRMED"));
        Steps.confirm(d[4]).then().statusCode(200).body("receivableId", nullValue());
        Steps.overPayment(TestTokens.member(m.memberId()), d[4], 100, "OVER_LIMIT", null)
                .then()
                .statusCode(403);
        Steps.overPayment(TestTokens.pharmacy(Steps.BJ), d[4], 100, "OVER_LIMIT", null)
                .then()
                .statusCode(403);
        Steps.overPayment(TestTokens.admin(), d[4], insurer + 1, "OVER_LIMIT", null)
                .then()
                .statusCode(422)
                .body("code", equalTo("OVER_PAYMENT_EXCEEDS_SHARE"));
        Steps.overPayment(TestTokens.admin(), d[4], 100, "OTHER", null)
                .then()
                .statusCode(400)
                .body("errors.code", hasItem("NOTE_REQUIRED"));
        Steps.overPayment(TestTokens.admin(), d[4], 0, "OVER_LIMIT", null)
                .then()
                .statusCode(400);

        long part = insurer / 3;
        Response over = Steps.overPayment(TestTokens.reviewer(), d[4], part, "NOT_COVERED", "部分药费不属于保险责任范围");
        over.then()
                .statusCode(201)
                .body("reasonCode", equalTo("OVER_PAYMENT"))
                .body("causeReasonCode", equalTo("NOT_COVERED"))
                .body("claimId", equalTo(d[4]))
                .body("amountFen", equalTo((int) part))
                .body("status", equalTo("OPEN"));
        // that part of the sum insured comes back; the deductible stays met
        assertEquals(
                insurer - part,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(
                deductible,
                one("select deductible_met_fen from accumulator where policy_number = $1", m.policyNumber()));
        Steps.overPayment(TestTokens.admin(), d[4], 1, "OVER_LIMIT", null)
                .then()
                .statusCode(409)
                .body("code", equalTo("DISPENSE_RECOVERED"));
        Steps.reverse(d[1]).then().statusCode(409).body("code", equalTo("DISPENSE_RECOVERED"));
        balances(pool, m.policyNumber());
    }

    @Test
    void a_reversal_takes_its_dispense_off_the_misuse_receivable() {
        var m = Fixtures.member("DEMO-GOLD", "1964-04-01", false, "C34.9", "2026-05-01");
        String[] d1 = dispensed(m, "D001");
        String[] d2 = dispensed(m, "D002");
        long x1 = Long.parseLong(d1[2]);
        long x2 = Long.parseLong(d2[2]);
        as(TestTokens.reviewer())
                .body("{\"reason\":\"经核实取药人并非被保险人本人\"}")
                .when()
                .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                .then()
                .statusCode(201);
        Response r = Steps.receivables(m.memberId());
        r.then().body("items[0].reasonCode", equalTo("MISUSE")).body("items[0].amountFen", equalTo((int) (x1 + x2)));
        String receivable = r.path("items[0].receivableId");
        Steps.pay(receivable, 100, null).then().statusCode(200).body("status", equalTo("PARTLY_PAID"));

        Steps.reverse(d1[1]).then().statusCode(200);
        Steps.receivables(m.memberId())
                .then()
                .body("items[0].amountFen", equalTo((int) x2))
                .body("items[0].paidFen", equalTo(100))
                .body("items[0].status", equalTo("PARTLY_PAID"))
                .body("items[0].items.find { it.dispenseId == '" + d1[1] + "' }.reducedFen", equalTo((int) x1));
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = '_insurer' and aggregate_id = $1"
                                + " and event_type = 'MEMBER_RECEIVABLE_REDUCED'",
                        receivable));
        balances(pool, m.policyNumber());

        // the other's denial gives its cover back; its share is already owed under MISUSE: no second receivable
        Response denied = Steps.deny(d2[4]);
        denied.then().statusCode(200).body("receivableId", equalTo(receivable));
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(1, one("select count(*) from member_receivable where member_id = $1", m.memberId()));
        balances(pool, m.policyNumber());

        // a member whose only recovered dispense is reversed owes nothing: CANCELLED
        var n = Fixtures.member("DEMO-GOLD", "1965-04-01", false, "C34.9", "2026-05-01");
        String[] e = dispensed(n, "D001");
        as(TestTokens.reviewer())
                .body("{\"reason\":\"冒用\"}")
                .when()
                .post("/api/v1/members/" + n.memberId() + "/misuse-flag")
                .then()
                .statusCode(201);
        Steps.reverse(e[1]).then().statusCode(200);
        Steps.receivables(n.memberId())
                .then()
                .body("items[0].amountFen", equalTo(0))
                .body("items[0].status", equalTo("CANCELLED"));
        String cancelled = Steps.receivables(n.memberId()).path("items[0].receivableId");
        Steps.pay(cancelled, 1, null).then().statusCode(409).body("code", equalTo("RECEIVABLE_NOT_COLLECTABLE"));
        balances(pool, n.policyNumber());
        assertNotNull(cancelled);
    }
}
