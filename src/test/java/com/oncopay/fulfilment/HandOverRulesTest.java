package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #19, the hand-over of the drug at the counter and at the door (seed 004): cover in force on the
 * day (「用药时长与保险责任一致」), the original prescription on home delivery too, the documents of
 * 附件一, and collection by someone else. Every refusal leaves the money, the code and the status untouched.
 */
@QuarkusTest
class HandOverRulesTest {
    static final Instant PINNED =
            OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final String ALL_DOCUMENTS = """
            "documents":{"prescriptionOriginal":true,"claimApplicationForm":true,"benefitPaymentAuthorisation":true,
            "collectionConfirmation":true,"insuredIdCopy":true}""";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    private final List<String> bodies = new ArrayList<>();

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
        Row r = pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return r.getLong(0);
    }

    private String text(String sql, Object... args) {
        Row r = pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return r.getValue(0) == null ? null : r.getValue(0).toString();
    }

    private Response keep(Response r) {
        bodies.add(r.asString());
        return r;
    }

    /** A member whose policy runs from 2026-01-01 to {@code expiry}, with a first diagnosis in it. */
    static Fixtures.Member member(String expiry) {
        String memberId = Fixtures.unique("M");
        String id = Fixtures.residentId("1970-03-01", 100 + (int) (Math.random() * 800));
        String policy = Fixtures.unique("POL");
        as(TestTokens.admin())
                .body("""
                        {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"测试会员","idType":"RESIDENT_ID",
                         "idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,"socialInsurance":false},
                         "effectiveDate":"2026-01-01","expiryDate":"%s"}""".formatted(policy, memberId, id, expiry))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        as(TestTokens.admin())
                .body("{\"icd10\":\"C34.9\",\"diagnosedOn\":\"2026-05-01\",\"hospitalCode\":\"DEMO-H-BJ-01\","
                        + "\"specialist\":true,\"firstEver\":true}")
                .when()
                .post("/api/v1/members/" + memberId + "/diagnoses")
                .then()
                .statusCode(201);
        return new Fixtures.Member(memberId, id, policy);
    }

    /** The member chooses {@code mode} for a fresh approved prescription of D001. */
    Response chosen(Fixtures.Member m, String mode) {
        String p = as(TestTokens.member(m.memberId()))
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
        String address = mode.equals("DELIVERY")
                ? ",\"address\":{\"province\":\"北京\",\"city\":\"北京市\",\"district\":\"东城区\",\"line\":\"某街1号\",\"phone\":\"13800000000\"}"
                : "";
        return keep(as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"" + mode + "\",\"pharmacyCode\":\"" + PHARMACY + "\"" + address + "}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment"));
    }

    Response redeem(String code, Fixtures.Member m, String paperwork) {
        return keep(as(TestTokens.pharmacy(PHARMACY))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"socialInsurancePaidFen\":0," + paperwork + "}")
                .when()
                .post("/api/v1/pharmacy/redemptions"));
    }

    /** A delivery moved to SHIPPED on the pinned day. */
    String shipped(Fixtures.Member m) {
        String f = chosen(m, "DELIVERY").then().statusCode(201).extract().path("fulfilmentId");
        for (String status : new String[] {"ACCEPTED", "SHIPPED"})
            as(TestTokens.pharmacy(PHARMACY))
                    .body("{\"status\":\"" + status + "\"}")
                    .when()
                    .post("/api/v1/deliveries/" + f + "/status")
                    .then()
                    .statusCode(200);
        return f;
    }

    Response delivered(String f, Fixtures.Member m, String paperwork) {
        return keep(as(TestTokens.pharmacy(PHARMACY))
                .body("{\"status\":\"DELIVERED\",\"idNumber\":\"" + m.idNumber() + "\",\"socialInsurancePaidFen\":0"
                        + (paperwork.isEmpty() ? "" : "," + paperwork) + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status"));
    }

    /** Nothing moved for the member's policy: no dispense, no ledger rows, the accumulators untouched. */
    void noMoneyMoved(Fixtures.Member m) {
        assertEquals(0, one("select count(*) from dispense where policy_number = $1", m.policyNumber()));
        assertEquals(0, one("select count(*) from ledger_entry where policy_number = $1", m.policyNumber()));
        assertEquals(
                0,
                one(
                        "select coalesce(sum(sum_insured_used_fen + deductible_met_fen), 0) from accumulator"
                                + " where policy_number = $1",
                        m.policyNumber()));
    }

    String status(String fulfilmentId) {
        return text("select status from fulfilment where id = $1::uuid", fulfilmentId);
    }

    @Test
    void a_code_issued_three_days_before_the_policy_ends_expires_on_its_last_day_and_is_redeemed_that_day() {
        var m = member("2026-11-26");
        Response chosen = chosen(m, "PICKUP");
        chosen.then().statusCode(201).body("expiresAt", equalTo("2026-11-26T23:59:59+08:00"));
        pinTo("2026-11-26T20:00:00+08:00");
        redeem(chosen.path("pickupCode"), m, ALL_DOCUMENTS)
                .then()
                .statusCode(200)
                .body("money.insurerPaysFen", equalTo(904260))
                .body("handOver.documents.insuredIdCopy", equalTo(true))
                .body("handOver.collector", nullValue());
        assertEquals(
                904260, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
    }

    @Test
    void the_day_after_the_policy_ends_the_counter_refuses_and_no_money_moves() {
        var m = member("2026-11-26");
        Response chosen = chosen(m, "PICKUP");
        String f = chosen.then().statusCode(201).extract().path("fulfilmentId");
        // a code issued before the cap existed (7 days from issue), still valid the day after the policy ends
        pool.preparedQuery("update fulfilment set expires_at = '2026-11-30T10:00:00+08:00' where id = $1::uuid")
                .execute(Tuple.of(f))
                .await()
                .indefinitely();
        pinTo("2026-11-27T09:00:00+08:00");
        as(TestTokens.pharmacy(PHARMACY))
                .body("{\"pickupCode\":\"" + chosen.path("pickupCode") + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(422)
                .body("code", equalTo("POLICY_NOT_IN_FORCE"));
        redeem(chosen.path("pickupCode"), m, ALL_DOCUMENTS)
                .then()
                .statusCode(422)
                .body("code", equalTo("POLICY_NOT_IN_FORCE"));
        noMoneyMoved(m);
        assertEquals("RESERVED", status(f), "the code is still unused");
        assertEquals(0, one("select count(*) from redemption_failure where fulfilment_id = $1::uuid", f));
    }

    @Test
    void at_the_door_the_policy_must_be_in_force_too_the_day_after_refused_the_last_day_settles() {
        var m = member("2026-11-26");
        String f = shipped(m);
        pinTo("2026-11-27T00:00:00+08:00");
        delivered(f, m, ALL_DOCUMENTS).then().statusCode(422).body("code", equalTo("POLICY_NOT_IN_FORCE"));
        noMoneyMoved(m);
        assertEquals("SHIPPED", status(f));
        pinTo("2026-11-26T23:59:00+08:00");
        delivered(f, m, ALL_DOCUMENTS).then().statusCode(200).body("money.insurerPaysFen", equalTo(904260));
        assertEquals("DELIVERED", status(f));
    }

    @Test
    void delivered_without_the_original_prescription_is_refused_as_at_the_counter() {
        var m = member("2026-12-31");
        String f = shipped(m);
        delivered(f, m, "").then().statusCode(422).body("code", equalTo("PRESCRIPTION_NOT_COLLECTED"));
        delivered(f, m, "\"prescriptionCollected\":false")
                .then()
                .statusCode(422)
                .body("code", equalTo("PRESCRIPTION_NOT_COLLECTED"));
        noMoneyMoved(m);
        assertEquals("SHIPPED", status(f));
        // an older client: the prescription alone still settles, the other items recorded as not stated
        delivered(f, m, "\"prescriptionCollected\":true").then().statusCode(200);
        as(TestTokens.pharmacy(PHARMACY))
                .when()
                .get("/api/v1/fulfilments/" + f + "/hand-over")
                .then()
                .statusCode(200)
                .body("documents.prescriptionOriginal", equalTo(true))
                .body("documents.claimApplicationForm", nullValue());
    }

    @Test
    void a_checklist_with_missing_items_is_refused_with_the_list_at_the_counter_and_at_the_door() {
        var m = member("2026-12-31");
        Response chosen = chosen(m, "PICKUP");
        String code = chosen.path("pickupCode");
        String f = chosen.path("fulfilmentId");
        redeem(code, m, """
                        "prescriptionCollected":true,"documents":{"claimApplicationForm":false,"benefitPaymentAuthorisation":true,
                        "collectionConfirmation":true}""")
                .then()
                .statusCode(422)
                .body("code", equalTo("DOCUMENTS_INCOMPLETE"))
                .body("missing", contains("claimApplicationForm", "insuredIdCopy"));
        redeem(code, m, "\"documents\":{\"prescriptionOriginal\":false}")
                .then()
                .statusCode(422)
                .body("code", equalTo("PRESCRIPTION_NOT_COLLECTED"));
        noMoneyMoved(m);
        assertEquals("RESERVED", status(f));
        redeem(code, m, ALL_DOCUMENTS).then().statusCode(200);
        as(TestTokens.pharmacy(PHARMACY))
                .when()
                .get("/api/v1/fulfilments/" + f + "/hand-over")
                .then()
                .statusCode(200)
                .body("documents.claimApplicationForm", equalTo(true))
                .body("documents.insuredIdCopy", equalTo(true));
        as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                .when()
                .get("/api/v1/fulfilments/" + f + "/hand-over")
                .then()
                .statusCode(404);

        var d = member("2026-12-31");
        String delivery = shipped(d);
        delivered(delivery, d, "\"documents\":{\"prescriptionOriginal\":true,\"collectionConfirmation\":true}")
                .then()
                .statusCode(422)
                .body("code", equalTo("DOCUMENTS_INCOMPLETE"))
                .body("missing", contains("claimApplicationForm", "benefitPaymentAuthorisation", "insuredIdCopy"));
        noMoneyMoved(d);
        assertEquals("SHIPPED", status(delivery));
    }

    @Test
    void someone_else_collects_with_the_power_of_attorney_sealed_masked_audited_and_never_in_events() {
        var m = member("2026-12-31");
        Response chosen = chosen(m, "PICKUP");
        String code = chosen.path("pickupCode");
        String f = chosen.path("fulfilmentId");
        String collectorId = Fixtures.residentId("1980-07-15", 321);
        String collector = """
                "collector":{"relation":"SPOUSE","name":"王小明","idNumber":"%s","powerOfAttorneySeen":%s,"memberIdSeen":true}""";
        redeem(code, m, ALL_DOCUMENTS + "," + collector.formatted(collectorId, "false"))
                .then()
                .statusCode(422)
                .body("code", equalTo("COLLECTOR_DOCUMENTS_MISSING"))
                .body("missing", contains("powerOfAttorneySeen"));
        noMoneyMoved(m);
        assertEquals("RESERVED", status(f));
        String redemption = redeem(code, m, ALL_DOCUMENTS + "," + collector.formatted(collectorId, "true"))
                .then()
                .statusCode(200)
                .body("handOver.collector.relation", equalTo("SPOUSE"))
                .body("handOver.collector.name", equalTo("王**"))
                .body("handOver.collector.idNumber", equalTo("**************" + collectorId.substring(14)))
                .extract()
                .path("redemptionId");
        keep(as(TestTokens.pharmacy(PHARMACY)).when().get("/api/v1/fulfilments/" + f + "/hand-over"))
                .then()
                .statusCode(200)
                .body("redemptionId", equalTo(redemption))
                .body("collector.name", equalTo("王**"))
                .body("collector.idNumber", equalTo("**************" + collectorId.substring(14)))
                .body("collector.powerOfAttorneySeen", equalTo(true));
        // sealed at rest, audited without the clear name or number, absent from the dispatch events
        assertEquals(
                0,
                one(
                        "select count(*) from hand_over where dispense_id = $1::uuid and (position($2::bytea in"
                                + " collector_id_enc) > 0 or position($3::bytea in collector_name_enc) > 0)",
                        redemption,
                        collectorId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "王小明".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'COLLECTED_BY_OTHER' and object_id = $1"
                                + " and detail->>'relation' = 'SPOUSE'",
                        redemption));
        assertEquals(
                0,
                one(
                        "select count(*) from audit_log where detail::text like $1 or detail::text like '%王小明%'",
                        "%" + collectorId + "%"));
        assertEquals(
                0,
                one(
                        "select count(*) from outbox where payload::text like $1 or payload::text like '%王小明%'",
                        "%" + collectorId + "%"));
        bodies.forEach(b -> assertFalse(b.contains(collectorId) || b.contains("王小明") || b.contains(m.idNumber()), b));
    }
}
