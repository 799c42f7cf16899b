package com.oncopay.misuse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 004: 如本公司查明正在申请或享受本服务者并非您本人，本公司有权立即拒绝提供本服务并保留追偿的权利.
 * The business clock of the test profile is Monday 2026-11-23 10:00 Asia/Shanghai.
 */
@QuarkusTest
class MisuseFlagResourceTest {
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
        Row r = pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return r.getLong(0);
    }

    private String text(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    static Response submit(Fixtures.Member m, String drug) {
        return as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                .when()
                .post("/api/v1/prescriptions");
    }

    static String approved(Fixtures.Member m, String drug) {
        return submit(m, drug)
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

    /** A redemption of a fresh code of a new approved prescription; the insurer's share and the redemption id. */
    static String[] dispensed(Fixtures.Member m, String drug) {
        String code =
                choose(m, approved(m, drug)).then().statusCode(201).extract().path("pickupCode");
        Response r = redeem(m, code);
        r.then().statusCode(200);
        return new String[] {String.valueOf(r.jsonPath().getLong("money.insurerPaysFen")), r.path("redemptionId")};
    }

    static Response flag(String token, String memberId, String body) {
        return as(token).body(body).when().post("/api/v1/members/" + memberId + "/misuse-flag");
    }

    static Response lift(String token, String memberId, String reason) {
        return as(token)
                .body("{\"reason\":\"" + reason + "\"}")
                .when()
                .post("/api/v1/members/" + memberId + "/misuse-flag/lift");
    }

    static Response pay(String token, String receivable, long fen, String key) {
        RequestSpecification s = as(token).body("{\"amountFen\":" + fen + "}");
        if (key != null) s = s.header("Idempotency-Key", key);
        return s.when().post("/api/v1/receivables/" + receivable + "/payments");
    }

    @Test
    void a_flag_blocks_new_codes_voids_the_open_one_recovers_what_was_paid_and_a_lift_unblocks() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        long insurer = Long.parseLong(dispensed(m, "D001")[0]);
        String p2 = approved(m, "D002");
        Response open = choose(m, p2);
        open.then().statusCode(201);
        String openCode = open.path("pickupCode");
        String openFulfilment = open.path("fulfilmentId");
        long usedBefore =
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber());
        assertEquals(insurer, usedBefore);

        // only the insurer's staff may flag
        String body = "{\"reason\":\"经核实取药人并非被保险人本人\"}";
        flag(TestTokens.pharmacy(BJ), m.memberId(), body).then().statusCode(403);
        flag(TestTokens.member(m.memberId()), m.memberId(), body).then().statusCode(403);
        lift(TestTokens.member(m.memberId()), m.memberId(), "误标").then().statusCode(403);
        // the reason is plain text without an identity number
        flag(TestTokens.reviewer(), m.memberId(), "{\"reason\":\"身份证 " + m.idNumber() + " 不符\"}")
                .then()
                .statusCode(400)
                .body("errors.code", hasItem("CONTAINS_ID_NUMBER"));
        flag(TestTokens.reviewer(), m.memberId(), "{\"reason\":\"<b>x</b>\"}")
                .then()
                .statusCode(400);
        flag(TestTokens.reviewer(), "NO-SUCH-MEMBER", body).then().statusCode(404);
        assertEquals(0, one("select count(*) from misuse_flag where member_id = $1", m.memberId()));

        Response flagged = flag(TestTokens.reviewer(), m.memberId(), body);
        flagged.then()
                .statusCode(201)
                .body("flagged", equalTo(true))
                .body("reason", equalTo("经核实取药人并非被保险人本人"))
                .body("voidedFulfilments", contains(openFulfilment))
                .body("receivables", hasSize(1))
                .body("receivables[0].policyNumber", equalTo(m.policyNumber()))
                .body("receivables[0].amountFen", equalTo((int) insurer))
                .body("receivables[0].dueOn", equalTo("2026-12-23"));
        String receivable = flagged.path("receivables[0].receivableId");
        assertFalse(flagged.asString().contains(m.idNumber()));
        flag(TestTokens.admin(), m.memberId(), body)
                .then()
                .statusCode(409)
                .body("code", equalTo("MEMBER_ALREADY_FLAGGED"));

        // the open code is voided, its pharmacy told through the outbox, and its redemption refused
        assertEquals("CANCELLED", text("select status from fulfilment where id = $1", UUID.fromString(openFulfilment)));
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = $1 and event_type = 'CANCELLED' and aggregate_id = $2 "
                                + "and payload->>'reason' = 'MEMBER_FLAGGED_MISUSE' and payload::text not like $3",
                        BJ,
                        openFulfilment,
                        "%" + m.idNumber() + "%"));
        long dispensesBefore = one("select count(*) from dispense where policy_number = $1", m.policyNumber());
        redeem(m, openCode).then().statusCode(410).body("code", equalTo("CODE_EXPIRED"));
        assertEquals(dispensesBefore, one("select count(*) from dispense where policy_number = $1", m.policyNumber()));

        // new codes and new prescriptions are refused; eligibility says why
        choose(m, p2).then().statusCode(422).body("code", equalTo("MEMBER_FLAGGED_MISUSE"));
        submit(m, "D037").then().statusCode(422).body("code", equalTo("MEMBER_FLAGGED_MISUSE"));
        // the misuse check goes out with the decision's other reads: its refusal still comes first, ahead of what
        // they find (here an unknown hospital, a 400 for anyone not flagged)
        as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"D037","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"NO-SUCH-HOSPITAL","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(422)
                .body("code", equalTo("MEMBER_FLAGGED_MISUSE"));
        assertEquals(
                1,
                one(
                        "select count(*) from fulfilment where prescription_id = $1",
                        UUID.fromString(p2))); // only the voided one
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D002")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reasons.code", hasItem("MEMBER_FLAGGED_MISUSE"));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/misuse-flag")
                .then()
                .statusCode(200)
                .body("flagged", equalTo(true))
                .body("reason", equalTo("经核实取药人并非被保险人本人"));
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/misuse-flag")
                .then()
                .statusCode(403);

        // the receivable: the insurer's share, one ledger row per dispense, an outbox row on the insurer's stream;
        // the accumulators (and so the pharmacy's settlement) are untouched
        assertEquals(
                insurer,
                one(
                        "select coalesce(sum(amount_fen), 0) from ledger_entry where receivable_id = $1 and account = 'MEMBER_RECEIVABLE'",
                        UUID.fromString(receivable)));
        assertEquals(
                1,
                one(
                        "select count(*) from ledger_entry where receivable_id = $1 and dispense_id is not null",
                        UUID.fromString(receivable)));
        assertEquals(
                1,
                one(
                        "select count(*) from outbox where pharmacy_code = '_insurer' and event_type = 'MEMBER_RECEIVABLE_OPENED' "
                                + "and aggregate_id = $1 and (payload->>'amountFen')::bigint = $2",
                        receivable,
                        insurer));
        assertEquals(
                usedBefore,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'MEMBER_FLAGGED_MISUSE' and object_id = $1 "
                                + "and detail->>'reason' = '经核实取药人并非被保险人本人' and detail::text not like $2",
                        m.memberId(),
                        "%" + m.idNumber() + "%"));

        // the member sees its own receivables; another member and a pharmacy do not
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/receivables")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].reasonCode", equalTo("MISUSE"))
                .body("items[0].claimId", org.hamcrest.Matchers.nullValue())
                .body("items[0].amountFen", equalTo((int) insurer))
                .body("items[0].paidFen", equalTo(0))
                .body("items[0].dueOn", equalTo("2026-12-23"))
                .body("items[0].outstandingFen", equalTo((int) insurer))
                .body("items[0].items", hasSize(1));
        as(TestTokens.member("someone-else"))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/receivables")
                .then()
                .statusCode(404);
        as(TestTokens.pharmacy(BJ))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/receivables")
                .then()
                .statusCode(403);

        // payments: ADMIN only, idempotent, OPEN → PARTLY_PAID → PAID, never above what is outstanding
        String key = UUID.randomUUID().toString();
        pay(TestTokens.reviewer(), receivable, 100, key).then().statusCode(403);
        pay(TestTokens.admin(), receivable, 0, null).then().statusCode(400);
        // paidOn (#20's contract): a day in the future is refused, and nothing is recorded
        as(TestTokens.admin())
                .body("{\"amountFen\":100,\"paidOn\":\"2026-11-24\"}")
                .when()
                .post("/api/v1/receivables/" + receivable + "/payments")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("paidOn"));
        pay(TestTokens.admin(), receivable, 100, key)
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTLY_PAID"))
                .body("paidFen", equalTo(100))
                .body("payments", hasSize(1))
                .body("payments[0].paidOn", equalTo("2026-11-23"))
                .body("outstandingFen", equalTo((int) insurer - 100));
        pay(TestTokens.admin(), receivable, 100, key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("paidFen", equalTo(100));
        assertEquals(
                1,
                one("select count(*) from receivable_payment where receivable_id = $1", UUID.fromString(receivable)));
        pay(TestTokens.admin(), receivable, insurer, UUID.randomUUID().toString())
                .then()
                .statusCode(422)
                .body("code", equalTo("PAYMENT_EXCEEDS_OUTSTANDING"));
        as(TestTokens.admin())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amountFen\":" + (insurer - 100) + ",\"paidOn\":\"2026-11-20\"}")
                .when()
                .post("/api/v1/receivables/" + receivable + "/payments")
                .then()
                .statusCode(200)
                .body("payments", hasSize(2))
                .body("payments[1].paidOn", equalTo("2026-11-20"))
                .body("status", equalTo("PAID"))
                .body("outstandingFen", equalTo(0));
        pay(TestTokens.admin(), receivable, 1, UUID.randomUUID().toString())
                .then()
                .statusCode(409)
                .body("code", equalTo("RECEIVABLE_NOT_COLLECTABLE"));
        pay(TestTokens.admin(), UUID.randomUUID().toString(), 1, null).then().statusCode(404);
        // payments are append-only for the engine's database role
        for (String sql :
                new String[] {"update receivable_payment set amount_fen = 1", "delete from receivable_payment"}) {
            io.vertx.pgclient.PgException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.vertx.pgclient.PgException.class,
                    () -> pool.query(sql).execute().await().indefinitely(),
                    sql);
            assertEquals("42501", e.getSqlState(), sql);
        }
        assertEquals(
                0,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'MEMBER_RECEIVABLE'",
                        UUID.fromString(receivable)));
        assertEquals(
                insurer,
                one(
                        "select sum(amount_fen) from ledger_entry where receivable_id = $1 and account = 'RECEIVABLE_RECOVERED'",
                        UUID.fromString(receivable)));

        // the lift: audited, new codes allowed again; the voided code stays voided and the receivable stays
        lift(TestTokens.reviewer(), m.memberId(), "复核确认系本人")
                .then()
                .statusCode(200)
                .body("flagged", equalTo(false));
        lift(TestTokens.reviewer(), m.memberId(), "复核确认系本人")
                .then()
                .statusCode(409)
                .body("code", equalTo("MEMBER_NOT_FLAGGED"));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'MEMBER_MISUSE_FLAG_LIFTED' and object_id = $1 "
                                + "and detail->>'reason' = '复核确认系本人'",
                        m.memberId()));
        assertEquals("CANCELLED", text("select status from fulfilment where id = $1", UUID.fromString(openFulfilment)));
        redeem(m, openCode).then().statusCode(410);
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D002")
                .then()
                .statusCode(200)
                .body("reasons.code", not(hasItem("MEMBER_FLAGGED_MISUSE")));
        Response again = choose(m, p2);
        again.then().statusCode(201);
        redeem(m, again.path("pickupCode")).then().statusCode(200);
        as(TestTokens.admin())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/receivables")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("PAID"));
    }

    @Test
    void the_receivable_leaves_out_reversed_and_already_recovered_dispenses_and_can_be_scoped_to_one_prescription() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        var other = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String[] first = dispensed(m, "D001");
        as(TestTokens.pharmacy(BJ))
                .body("{\"reasonCode\":\"RETURNED\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + first[1] + "/reversal")
                .then()
                .statusCode(200);
        long second = Long.parseLong(dispensed(m, "D002")[0]);
        String firstPrescription =
                text("select prescription_id::text from dispense where id = $1", UUID.fromString(first[1]));
        String otherPrescription = approved(other, "D001");

        flag(TestTokens.admin(), m.memberId(), "{\"reason\":\"他人冒用\",\"prescriptionId\":\"" + otherPrescription + "\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("PRESCRIPTION_NOT_OF_MEMBER"));
        // scoped to the reversed one: nothing to recover
        flag(TestTokens.admin(), m.memberId(), "{\"reason\":\"他人冒用\",\"prescriptionId\":\"" + firstPrescription + "\"}")
                .then()
                .statusCode(201)
                .body("receivables", hasSize(0))
                .body("prescriptionId", equalTo(firstPrescription));
        lift(TestTokens.admin(), m.memberId(), "范围有误").then().statusCode(200);
        // the whole member: only the dispense not reversed
        flag(TestTokens.admin(), m.memberId(), "{\"reason\":\"他人冒用\"}")
                .then()
                .statusCode(201)
                .body("receivables", hasSize(1))
                .body("receivables[0].amountFen", equalTo((int) second));
        lift(TestTokens.admin(), m.memberId(), "再次复核").then().statusCode(200);
        // flagged again: nothing recovered twice
        flag(TestTokens.admin(), m.memberId(), "{\"reason\":\"他人冒用\"}")
                .then()
                .statusCode(201)
                .body("receivables", hasSize(0));
        assertEquals(
                second, one("select sum(r.amount_fen) from member_receivable r where r.member_id = $1", m.memberId()));
    }
}
