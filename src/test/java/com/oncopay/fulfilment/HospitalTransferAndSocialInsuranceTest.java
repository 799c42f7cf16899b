package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #19 items 5 and 7: a CAR-T is never a retail pickup but a cold-chain transfer to the prescribing
 * hospital that the hospital signs for; an NRDL drug paid with social insurance needs a pharmacy that
 * settles it, and a member without a recorded filing is told to file. Business clock 2026-11-23 10:00.
 */
@QuarkusTest
class HospitalTransferAndSocialInsuranceTest {
    static final String BJ = "DEMO-PH-BJ-01"; // cold chain, settles social insurance, the only D104 price
    static final String GZ = "DEMO-PH-GZ-01"; // designated, cold chain, does NOT settle social insurance
    static final String HOSPITAL = "DEMO-H-BJ-01";

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

    private String text(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    /** An approved CAR-T (D104) prescription from {@value HOSPITAL}: it needs a reviewer's approval. */
    String approvedCarT(Fixtures.Member m) {
        String id = as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"%s","diagnosisIcd10":"C83.3",
                 %s}""".formatted(m.memberId(), HOSPITAL, Fixtures.CAR_T_MATERIALS))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        as(TestTokens.reviewer())
                .body("{\"decision\":\"APPROVE\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        return id;
    }

    String approved(Fixtures.Member m, String drug) {
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

    Response choose(Fixtures.Member m, String prescription, String body) {
        return as(TestTokens.member(m.memberId()))
                .body(body)
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment");
    }

    Response receipt(String pharmacy, String fulfilment) {
        return as(TestTokens.pharmacy(pharmacy))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                {"ward":"血液科三病区","receivedBy":"王护士","receivedAt":"2026-11-23T09:30:00+08:00","receiptNo":"HR-2026-0001",
                 "socialInsurancePaidFen":0,"prescriptionCollected":true}""")
                .when()
                .post("/api/v1/hospital-transfers/" + fulfilment + "/receipt");
    }

    private long dispenses(String prescription) {
        return one("select count(*) from dispense where prescription_id = $1", UUID.fromString(prescription));
    }

    @Test
    void car_t_is_never_a_store_pickup_or_a_home_delivery_and_eligibility_offers_only_the_hospital() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C83.3", "2026-05-01");
        String p = approvedCarT(m);
        choose(m, p, "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("HOSPITAL_ONLY"))
                .body("detail", startsWith("D104（奕凯达）为院内专用药品"));
        choose(m, p, """
                {"mode":"DELIVERY","pharmacyCode":"%s","address":{"province":"北京","city":"北京","district":"东城区",
                 "line":"某街1号","phone":"13800000000"}}""".formatted(BJ)).then().statusCode(422).body("code", equalTo("HOSPITAL_ONLY"));
        // HOSPITAL, but not the prescribing hospital (or none named)
        choose(m, p, "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\",\"hospitalCode\":\"DEMO-H-SH-01\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("HOSPITAL_NOT_ON_PRESCRIPTION"));
        choose(m, p, "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("HOSPITAL_NOT_ON_PRESCRIPTION"));
        assertEquals(0, one("select count(*) from fulfilment where prescription_id = $1", UUID.fromString(p)));
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D104")
                .then()
                .statusCode(200)
                .body("fulfilmentModes", contains("HOSPITAL"))
                .body("deliveryRefusal.code", equalTo("HOSPITAL_ONLY"));
        // the hospital way is not for a retail drug
        var r = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        choose(
                        r,
                        approved(r, "D001"),
                        "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\",\"hospitalCode\":\"" + HOSPITAL + "\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("HOSPITAL_MODE_NOT_APPLICABLE"));
    }

    @Test
    void hospital_transfer_end_to_end_the_hospital_receipt_settles_like_a_redemption() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C83.3", "2026-05-01");
        String p = approvedCarT(m);
        Response chosen = choose(
                m, p, "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\",\"hospitalCode\":\"" + HOSPITAL + "\"}");
        chosen.then()
                .statusCode(201)
                .body("mode", equalTo("HOSPITAL"))
                .body("hospitalCode", equalTo(HOSPITAL))
                .body("pickupCode", nullValue())
                .body("notices", empty());
        String f = chosen.path("fulfilmentId");
        UUID fid = UUID.fromString(f);
        assertEquals("AWAITING_TRANSFER", text("select status from fulfilment where id = $1", fid));
        assertEquals(
                HOSPITAL,
                text(
                        "select payload->>'hospitalCode' from outbox where aggregate_id = $1 and event_type = $2",
                        f,
                        "HOSPITAL_TRANSFER_REQUESTED"));

        // the receipt before the transfer was sent is refused, and nothing is settled
        receipt(BJ, f).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        // another pharmacy cannot move or sign it
        as(TestTokens.pharmacy(GZ))
                .body("{\"status\":\"IN_TRANSFER\"}")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/status")
                .then()
                .statusCode(404);
        as(TestTokens.member(m.memberId()))
                .body("{\"status\":\"IN_TRANSFER\"}")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/status")
                .then()
                .statusCode(403);
        assertEquals(0, dispenses(p));

        as(TestTokens.pharmacy(BJ))
                .body("{\"status\":\"IN_TRANSFER\",\"trackingNo\":\"CC20261123\"}")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_TRANSFER"))
                .body("trackingNo", equalTo("CC20261123"))
                .body("money", nullValue());
        // a member may no longer cancel a transfer on its way
        as(TestTokens.member(m.memberId()))
                .when()
                .post("/api/v1/fulfilments/" + f + "/cancel")
                .then()
                .statusCode(409);
        // a receipt time in the future is not a receipt
        as(TestTokens.pharmacy(BJ))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                {"ward":"血液科","receivedBy":"王护士","receivedAt":"2026-11-24T09:30:00+08:00","receiptNo":"HR-1"}""")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/receipt")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("receivedAt"));
        // the hand-over's paperwork is the counter's: no original prescription, no settlement
        as(TestTokens.pharmacy(BJ))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                {"ward":"血液科","receivedBy":"王护士","receivedAt":"2026-11-23T09:30:00+08:00","receiptNo":"HR-1"}""")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/receipt")
                .then()
                .statusCode(422)
                .body("code", equalTo("PRESCRIPTION_NOT_COLLECTED"));
        assertEquals(0, dispenses(p));

        Response settled = receipt(BJ, f);
        settled.then()
                .statusCode(200)
                .body("status", equalTo("HOSPITAL_RECEIVED"))
                .body("money.totalFen", equalTo(120_000_000))
                .body("money.insurerPaysFen", greaterThan(0));
        String redemption = settled.path("redemptionId");
        long insurer = settled.jsonPath().getLong("money.insurerPaysFen");
        // the same money transaction as a counter redemption: dispense, ledger, accumulator, prescription, event
        assertEquals(1, dispenses(p));
        assertEquals(
                insurer,
                one(
                        "select sum(amount_fen) from ledger_entry where dispense_id = $1 and account = 'INSURER_PAYABLE'",
                        UUID.fromString(redemption)));
        assertEquals(
                insurer,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals("DISPENSED", text("select status from prescription where id = $1", UUID.fromString(p)));
        assertEquals(
                "血液科三病区|王护士|HR-2026-0001|HOSPITAL_RECEIVED",
                text(
                        "select received_ward || '|' || received_by || '|' || receipt_no || '|' || status from fulfilment where id = $1",
                        fid));
        assertEquals(redemption, text("select dispense_id::text from fulfilment where id = $1", fid));
        assertEquals(
                redemption,
                text(
                        "select payload->>'redemptionId' from outbox where payload->>'fulfilmentId' = $1 "
                                + "and event_type = 'HOSPITAL_TRANSFER_STATUS' and payload->>'status' = 'HOSPITAL_RECEIVED'",
                        f));
        as(TestTokens.pharmacy(BJ))
                .when()
                .get("/api/v1/pharmacies/" + BJ + "/settlements?from=2026-11-01&to=2026-11-30")
                .then()
                .statusCode(200)
                .body("lines.redemptionId", hasItem(redemption));
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/fulfilments")
                .then()
                .statusCode(200)
                .body("items.find { it.fulfilmentId == '" + f + "' }.status", equalTo("HOSPITAL_RECEIVED"));
        // every event of the transfer fits the published dispatch-event schema (fields and enums)
        io.restassured.path.json.JsonPath schema = given().when()
                .get("/schemas/dispatch-event-v1.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        java.util.Set<String> fields =
                schema.<String, Object>getMap("properties").keySet();
        for (var row : pool.preparedQuery("select payload from outbox where payload->>'fulfilmentId' = $1")
                .execute(Tuple.of(f))
                .await()
                .indefinitely()) {
            var payload = row.getJsonObject(0);
            java.util.Set<String> extra = new java.util.HashSet<>(payload.fieldNames());
            extra.removeAll(fields);
            assertEquals(java.util.Set.of(), extra);
            org.junit.jupiter.api.Assertions.assertTrue(
                    schema.getList("properties.mode.enum").contains(payload.getString("mode")));
            if (payload.containsKey("status"))
                org.junit.jupiter.api.Assertions.assertTrue(
                        schema.getList("properties.status.enum").contains(payload.getString("status")));
        }
        // signed once: a second receipt is refused and settles nothing more
        receipt(BJ, f).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(1, dispenses(p));
    }

    @Test
    void social_insurance_filing_is_recorded_idempotently_audited_and_shown_in_the_member_read() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String body = "{\"city\":\"北京市\",\"filedOn\":\"2026-11-20\",\"outOfTown\":true}";
        for (int i = 0; i < 2; i++)
            as(TestTokens.admin())
                    .body(body)
                    .when()
                    .put("/api/v1/members/" + m.memberId() + "/social-insurance-filing")
                    .then()
                    .statusCode(200)
                    .body("memberId", equalTo(m.memberId()))
                    .body("city", equalTo("北京市"))
                    .body("filedOn", equalTo("2026-11-20"))
                    .body("outOfTown", equalTo(true));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where object_id = $1 and action = 'SOCIAL_INSURANCE_FILING_RECORDED'",
                        m.memberId()));
        as(TestTokens.admin())
                .when()
                .get("/api/v1/policies/" + m.policyNumber())
                .then()
                .statusCode(200)
                .body("member.socialInsuranceFiling.city", equalTo("北京市"))
                .body("member.socialInsuranceFiling.outOfTown", equalTo(true));
        // validation: the day not in the future, the city a city
        as(TestTokens.admin())
                .body("{\"city\":\"北京\",\"filedOn\":\"2026-11-24\",\"outOfTown\":false}")
                .when()
                .put("/api/v1/members/" + m.memberId() + "/social-insurance-filing")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("filedOn"));
        as(TestTokens.admin())
                .body("{\"city\":\"<b>北京</b>\",\"filedOn\":\"2026-11-20\",\"outOfTown\":false}")
                .when()
                .put("/api/v1/members/" + m.memberId() + "/social-insurance-filing")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("city"));
        as(TestTokens.admin())
                .body(body)
                .when()
                .put("/api/v1/members/NOBODY-1/social-insurance-filing")
                .then()
                .statusCode(404);
        as(TestTokens.member(m.memberId()))
                .body(body)
                .when()
                .put("/api/v1/members/" + m.memberId() + "/social-insurance-filing")
                .then()
                .statusCode(403);
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where object_id = $1 and action = 'SOCIAL_INSURANCE_FILING_RECORDED'",
                        m.memberId()));
    }

    @Test
    void nrdl_with_social_insurance_needs_a_settling_pharmacy_and_a_missing_filing_is_a_notice() {
        var si = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String p = approved(si, "D031"); // bortezomib: NRDL
        choose(si, p, "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + GZ + "\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("PHARMACY_CANNOT_SETTLE_SOCIAL_INSURANCE"));
        assertEquals(0, one("select count(*) from fulfilment where prescription_id = $1", UUID.fromString(p)));
        // at a pharmacy that settles: the code, with the notice to file first
        Response chosen = choose(si, p, "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}");
        chosen.then()
                .statusCode(201)
                .body("pickupCode", startsWith(""))
                .body("notices.code", contains("SOCIAL_INSURANCE_FILING_MISSING"))
                .body("notices[0].message", startsWith("尚未登记医保备案"));
        as(TestTokens.member(si.memberId()))
                .when()
                .post("/api/v1/fulfilments/" + chosen.path("fulfilmentId") + "/cancel")
                .then()
                .statusCode(204);
        // once filed, no notice
        as(TestTokens.admin())
                .body("{\"city\":\"北京\",\"filedOn\":\"2026-11-01\",\"outOfTown\":false}")
                .when()
                .put("/api/v1/members/" + si.memberId() + "/social-insurance-filing")
                .then()
                .statusCode(200);
        choose(si, p, "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}")
                .then()
                .statusCode(201)
                .body("notices", empty());
        // without social insurance there is no card to swipe: any designated pharmacy, no notice
        var plain = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        choose(plain, approved(plain, "D031"), "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + GZ + "\"}")
                .then()
                .statusCode(201)
                .body("notices", empty());
    }

    @Test
    void a_failed_transfer_settles_nothing_and_the_prescription_can_be_fulfilled_again() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C83.3", "2026-05-01");
        String p = approvedCarT(m);
        String body = "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\",\"hospitalCode\":\"" + HOSPITAL + "\"}";
        String f = choose(m, p, body).then().statusCode(201).extract().path("fulfilmentId");
        choose(m, p, body).then().statusCode(409).body("code", equalTo("FULFILMENT_EXISTS"));
        as(TestTokens.pharmacy(BJ))
                .body("{\"status\":\"FAILED\"}")
                .when()
                .post("/api/v1/hospital-transfers/" + f + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"));
        receipt(BJ, f).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(0, dispenses(p));
        assertEquals("APPROVED", text("select status from prescription where id = $1", UUID.fromString(p)));
        choose(m, p, body).then().statusCode(201).body("mode", equalTo("HOSPITAL"));
    }

    @Test
    void a_misuse_flag_voids_a_transfer_not_yet_received() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C83.3", "2026-05-01");
        String p = approvedCarT(m);
        String fulfilment = choose(
                        m,
                        p,
                        "{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + BJ + "\",\"hospitalCode\":\"" + HOSPITAL + "\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        as(TestTokens.reviewer())
                .body("{\"reason\":\"经核实申请人并非被保险人本人\"}")
                .when()
                .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                .then()
                .statusCode(201);
        assertEquals("CANCELLED", text("select status from fulfilment where id = $1", UUID.fromString(fulfilment)));
        assertEquals(
                1L,
                one(
                        "select count(*) from outbox where pharmacy_code = $1 and event_type = 'CANCELLED' and aggregate_id = $2",
                        BJ,
                        fulfilment));
        // the hospital's receipt can no longer settle it: no dispense, no money
        receipt(BJ, fulfilment).then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(0L, one("select count(*) from dispense where prescription_id = $1", UUID.fromString(p)));
    }
}
