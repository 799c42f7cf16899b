package com.oncopay.claim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 item 1, seed 004: 「理赔核责调查时效：首次申请需15个工作日，非首次申请需5个工作日」 and 「垫付结论不等于理赔结论」.
 * The business clock of the test profile is Monday 2026-11-23 10:00 Asia/Shanghai.
 */
@QuarkusTest
class ClaimResourceTest {
    static final Instant PINNED =
            OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();
    static final String BJ = "DEMO-PH-BJ-01";

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
        ((PinnedClock) clock).pinTo(PINNED);
    }

    void pinTo(String at) {
        ((PinnedClock) clock).pinTo(OffsetDateTime.parse(at).toInstant());
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

    /** Submits and redeems a prescription of {@code drug}: {prescriptionId, redemptionId, insurerPaysFen, investigationDueBy}. */
    static String[] dispensed(Fixtures.Member m, String drug) {
        Response p = as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                .when()
                .post("/api/v1/prescriptions");
        p.then().statusCode(201).body("status", equalTo("APPROVED"));
        String prescription = p.path("prescriptionId");
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        Response r = as(TestTokens.pharmacy(BJ))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0,\"traceCodes\":[\"TR"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 18) + "\"]}")
                .when()
                .post("/api/v1/pharmacy/redemptions");
        r.then().statusCode(200);
        return new String[] {
            prescription,
            r.path("redemptionId"),
            String.valueOf(r.jsonPath().getLong("money.insurerPaysFen")),
            p.path("investigationDueBy")
        };
    }

    static Response claimsOf(String token, String memberId) {
        return as(token).when().get("/api/v1/members/" + memberId + "/claims");
    }

    static Response decide(String token, String claim, String body) {
        return as(token).body(body).when().post("/api/v1/claims/" + claim + "/decision");
    }

    @Test
    void a_redemption_opens_a_claim_due_on_the_prescriptions_investigation_date_and_a_reviewer_decides_it_once() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        Response mine = claimsOf(TestTokens.member(m.memberId()), m.memberId());
        mine.then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("items[0].dispenseId", equalTo(d[1]))
                .body("items[0].prescriptionId", equalTo(d[0]))
                .body("items[0].memberId", equalTo(m.memberId()))
                .body("items[0].status", equalTo("UNDER_INVESTIGATION"))
                // the member's first claim: the 15th business day after the dispense on Monday 2026-11-23
                .body("items[0].investigationDueBy", equalTo("2026-12-14T23:59:59+08:00"))
                .body("items[0].firstClaim", equalTo(true))
                .body("items[0].dueOn", equalTo("2026-12-14"))
                .body("items[0].overdue", equalTo(false))
                .body("items[0].insurerPaysFen", equalTo(Integer.parseInt(d[2])))
                .body("items[0].drugId", equalTo("D001"));
        assertFalse(mine.asString().contains(m.idNumber()));
        String claim = mine.path("items[0].claimId");
        assertEquals(
                1,
                one(
                        "select count(*) from liability_claim where dispense_id = $1 and status = 'UNDER_INVESTIGATION'",
                        UUID.fromString(d[1])));

        // roles: the pharmacy neither reads nor decides; another member does not see them; a member cannot decide
        var other = Fixtures.member("DEMO-GOLD", "1971-03-01", false, "C34.9", "2026-05-01");
        claimsOf(TestTokens.pharmacy(BJ), m.memberId()).then().statusCode(403);
        as(TestTokens.pharmacy(BJ)).when().get("/api/v1/claims").then().statusCode(403);
        claimsOf(TestTokens.member(other.memberId()), m.memberId()).then().statusCode(404);
        claimsOf(TestTokens.reviewer(), m.memberId()).then().statusCode(200).body("total", equalTo(1));
        claimsOf(TestTokens.admin(), m.memberId()).then().statusCode(200).body("total", equalTo(1));
        String confirm = "{\"outcome\":\"CONFIRMED\"}";
        decide(TestTokens.pharmacy(BJ), claim, confirm).then().statusCode(403);
        decide(TestTokens.member(m.memberId()), claim, confirm).then().statusCode(403);
        decide(TestTokens.reviewer(), UUID.randomUUID().toString(), confirm)
                .then()
                .statusCode(404);

        // a denial needs a known reason; nothing changes when refused
        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"DENIED\"}")
                .then()
                .statusCode(400)
                .body("errors.code", hasItem("REASON_REQUIRED"));
        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"DENIED\",\"reasonCode\":\"NOPE\"}")
                .then()
                .statusCode(400)
                .body("errors.code", hasItem("UNKNOWN_REASON"));
        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"MAYBE\"}").then().statusCode(400);
        assertEquals(
                0,
                one(
                        "select count(*) from liability_claim where id = $1 and status <> 'UNDER_INVESTIGATION'",
                        UUID.fromString(claim)));

        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"CONFIRMED\",\"note\":\"资料齐全\"}")
                .then()
                .statusCode(200)
                .body("claimId", equalTo(claim))
                .body("status", equalTo("LIABILITY_CONFIRMED"))
                .body("reasonCode", nullValue())
                .body("note", equalTo("资料齐全"))
                .body("overdue", equalTo(false));
        decide(TestTokens.reviewer(), claim, confirm)
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"DENIED\",\"reasonCode\":\"EXCLUSION\"}")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'LIABILITY_DECIDED' and object_type = 'claim'"
                                + " and object_id = $1 and detail->>'to' = 'LIABILITY_CONFIRMED' and detail::text not like $2",
                        claim,
                        "%" + m.idNumber() + "%"));
        // no event to the pharmacy: it has nothing to do
        assertEquals(0, one("select count(*) from outbox where aggregate_id = $1", claim));

        // the member's later claim: 5 business days after its dispense, and a denial with its reason
        String[] later = dispensed(m, "D002");
        Response all = claimsOf(TestTokens.member(m.memberId()), m.memberId());
        all.then().statusCode(200).body("total", equalTo(2));
        String second = all.jsonPath().getString("items.find { it.dispenseId == '" + later[1] + "' }.claimId");
        all.then()
                .body("items.find { it.dispenseId == '" + later[1] + "' }.dueOn", equalTo("2026-11-30"))
                .body(
                        "items.find { it.dispenseId == '" + later[1] + "' }.investigationDueBy",
                        equalTo("2026-11-30T23:59:59+08:00"))
                .body("items.find { it.dispenseId == '" + later[1] + "' }.firstClaim", equalTo(false));
        decide(
                        TestTokens.reviewer(),
                        second,
                        "{\"outcome\":\"DENIED\",\"reasonCode\":\"WAITING_PERIOD\",\"note\":\"等待期内\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("LIABILITY_DENIED"))
                .body("reasonCode", equalTo("WAITING_PERIOD"));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'LIABILITY_DECIDED' and object_id = $1"
                                + " and detail->>'reasonCode' = 'WAITING_PERIOD'",
                        second));
    }

    @Test
    void the_list_filters_by_status_and_overdue_against_todays_business_date() {
        var m = Fixtures.member("DEMO-GOLD", "1972-03-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        String claim = claimsOf(TestTokens.member(m.memberId()), m.memberId()).path("items[0].claimId");
        String list = "/api/v1/claims?memberId=" + m.memberId();

        as(TestTokens.reviewer())
                .when()
                .get(list + "&status=UNDER_INVESTIGATION")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].claimId", equalTo(claim));
        as(TestTokens.reviewer())
                .when()
                .get(list + "&overdue=true")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as(TestTokens.reviewer())
                .when()
                .get(list + "&status=LIABILITY_DENIED")
                .then()
                .body("total", equalTo(0));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/claims?status=NOPE")
                .then()
                .statusCode(400);
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/claims?overdue=perhaps")
                .then()
                .statusCode(400);

        // the due day itself (Monday 2026-12-14) is not overdue, the next business day is
        pinTo("2026-12-14T23:00:00+08:00");
        as(TestTokens.reviewer())
                .when()
                .get(list + "&overdue=false")
                .then()
                .body("total", equalTo(1))
                .body("items[0].overdue", equalTo(false));
        pinTo("2026-12-15T09:00:00+08:00");
        as(TestTokens.reviewer())
                .when()
                .get(list + "&overdue=true&status=UNDER_INVESTIGATION")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].claimId", equalTo(claim))
                .body("items[0].overdue", equalTo(true));
        as(TestTokens.admin())
                .when()
                .get("/api/v1/claims?overdue=true&size=200")
                .then()
                .statusCode(200)
                .body("items.overdue", everyItem(equalTo(true)))
                .body("items.status", everyItem(equalTo("UNDER_INVESTIGATION")));
        as(TestTokens.reviewer()).when().get(list + "&overdue=false").then().body("total", equalTo(0));

        // decided, it is no longer overdue
        decide(TestTokens.reviewer(), claim, "{\"outcome\":\"CONFIRMED\"}")
                .then()
                .statusCode(200)
                .body("overdue", equalTo(false));
        as(TestTokens.reviewer()).when().get(list + "&overdue=true").then().body("total", equalTo(0));
        as(TestTokens.reviewer())
                .when()
                .get(list + "&status=LIABILITY_CONFIRMED")
                .then()
                .body("total", equalTo(1))
                .body("items.claimId", hasItem(claim))
                .body("items.claimId", not(hasItem(d[1])));
    }

    @Test
    void a_reversal_withdraws_the_claim_still_under_investigation() {
        var m = Fixtures.member("DEMO-GOLD", "1973-03-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        as(TestTokens.pharmacy(BJ))
                .body("{\"reasonCode\":\"RETURNED\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + d[1] + "/reversal")
                .then()
                .statusCode(200);
        Response mine = claimsOf(TestTokens.member(m.memberId()), m.memberId());
        mine.then()
                .statusCode(200)
                .body("items[0].status", equalTo("WITHDRAWN"))
                .body("items[0].reasonCode", equalTo("DISPENSE_REVERSED"))
                .body("items[0].overdue", equalTo(false));
        decide(TestTokens.reviewer(), mine.path("items[0].claimId"), "{\"outcome\":\"CONFIRMED\"}")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
    }
}
