package com.oncopay.assistance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Business day of the test profile: Monday 2026-11-23. Programme AID-PEMBRO-DEMO: 2 paid fills of D001, then 2 donated (1 pack each). */
@QuarkusTest
class AidCaseResourceTest {
    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    static String coordinator() {
        return TestTokens.coordinator("coord-" + UUID.randomUUID().toString().substring(0, 6));
    }

    static String open(String coord, String member) {
        return as(coord)
                .body("{\"memberId\":\"" + member + "\",\"drugId\":\"D001\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract()
                .path("caseId");
    }

    static void materials(String coord, String id) {
        for (String kind : new String[] {"PERSONAL", "MEDICAL", "FINANCIAL"}) {
            as(coord)
                    .body("{\"received\":true,\"channel\":\"" + (kind.equals("FINANCIAL") ? "POST" : "ONLINE")
                            + "\",\"note\":\"ok\"}")
                    .when()
                    .put("/api/v1/aid-cases/" + id + "/materials/" + kind)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PREPARING"));
        }
    }

    static void approve(String coord, String id, String startsOn) {
        as(coord)
                .when()
                .post("/api/v1/aid-cases/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        as(coord)
                .body("{\"approved\":true,\"cycles\":2,\"packsPerCycle\":1,\"pharmacyCode\":\"DEMO-PH-BJ-01\""
                        + (startsOn == null ? "" : ",\"startsOn\":\"" + startsOn + "\"") + "}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/decision")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
    }

    @Test
    void a_coordinator_runs_a_case_from_first_contact_to_the_last_collected_cycle() {
        String coord = coordinator();
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = open(coord, m.memberId());
        as(coord)
                .when()
                .post("/api/v1/aid-cases/" + id + "/submit")
                .then()
                .statusCode(422)
                .body("code", equalTo("MATERIALS_INCOMPLETE"));
        as(coord)
                .body("{\"approved\":true,\"cycles\":2,\"packsPerCycle\":1,\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/decision")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        materials(coord, id);
        as(coord).when().get("/api/v1/aid-cases/" + id).then().statusCode(200).body("nextAction", equalTo("SUBMIT"));
        approve(coord, id, null);
        as(coord)
                .when()
                .get("/api/v1/aid-cases/" + id)
                .then()
                .statusCode(200)
                .body("cycles.opensOn", contains("2026-11-23", "2026-12-14"))
                .body("cycles.windowEndsOn", contains("2026-12-07", "2026-12-28"))
                .body("nextAction", equalTo("COLLECT_CYCLE:1"));
        as(coord)
                .when()
                .get("/api/v1/aid-cases/reminders?within=7d")
                .then()
                .statusCode(200)
                .body("items.caseId", hasItem(id))
                .body("items.cycle", hasItem(1))
                .body("items.cycle", not(hasItem(2)));
        as(coord)
                .body("{\"cycle\":1,\"collectedOn\":\"2026-11-23\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/collections")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        as(coord)
                .body("{\"cycle\":1,\"collectedOn\":\"2026-11-23\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/collections")
                .then()
                .statusCode(409);
        as(coord)
                .when()
                .get("/api/v1/aid-cases/reminders?within=30d")
                .then()
                .statusCode(200)
                .body("items.cycle", hasItem(2));
        as(coord)
                .body("{\"cycle\":2,\"collectedOn\":\"2026-11-23\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/collections")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("collectedOn"));
        pool.preparedQuery(
                        "update aid_cycle set opens_on = '2026-11-20', window_ends_on = '2026-12-04' where case_id = $1 and cycle = 2")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .indefinitely();
        as(coord)
                .body("{\"cycle\":2,\"collectedOn\":\"2026-11-23\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/collections")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        as(coord)
                .when()
                .get("/api/v1/aid-cases/" + id)
                .then()
                .statusCode(200)
                .body(
                        "history.to",
                        contains(
                                "DRAFT",
                                "PREPARING",
                                "PREPARING",
                                "PREPARING",
                                "SUBMITTED",
                                "APPROVED",
                                "IN_PROGRESS",
                                "COMPLETED"))
                .body("history[0].by", org.hamcrest.Matchers.startsWith("coord-"));
        as(coord)
                .when()
                .get("/api/v1/aid-cases?status=COMPLETED")
                .then()
                .statusCode(200)
                .body("items.caseId", hasItem(id))
                .body("total", equalTo(1));
        // the member sees their own case; another coordinator or member does not
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/aid-cases/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        as(TestTokens.member("someone"))
                .when()
                .get("/api/v1/aid-cases/" + id)
                .then()
                .statusCode(404);
        as(coordinator()).when().get("/api/v1/aid-cases/" + id).then().statusCode(404);
        as(coordinator())
                .when()
                .post("/api/v1/aid-cases/" + id + "/withdraw")
                .then()
                .statusCode(404);
        as(coordinator())
                .when()
                .get("/api/v1/aid-cases")
                .then()
                .statusCode(200)
                .body("items.caseId", not(hasItem(id)))
                .body("total", equalTo(0));
    }

    @Test
    void refusals() {
        String coord = coordinator();
        as(coord)
                .body("{\"memberId\":\"DEMO-M005\",\"drugId\":\"D001\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(422)
                .body("code", equalTo("NOT_MAINLAND_CITIZEN"));
        as(coord)
                .body("{\"memberId\":\"DEMO-M001\",\"drugId\":\"D002\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(422)
                .body("code", equalTo("NO_AID_PROGRAMME"));
        as(TestTokens.member("DEMO-M001"))
                .body("{\"memberId\":\"DEMO-M001\",\"drugId\":\"D001\",\"programCode\":\"AID-PEMBRO-DEMO\"}")
                .when()
                .post("/api/v1/aid-cases")
                .then()
                .statusCode(403);
        String id = open(coord, "DEMO-M001");
        as(coord)
                .body("{\"received\":true,\"channel\":\"FAX\"}")
                .when()
                .put("/api/v1/aid-cases/" + id + "/materials/PERSONAL")
                .then()
                .statusCode(400);
        as(coord)
                .body("{\"received\":true,\"channel\":\"POST\"}")
                .when()
                .put("/api/v1/aid-cases/" + id + "/materials/OTHER")
                .then()
                .statusCode(404);
        as(coord)
                .when()
                .post("/api/v1/aid-cases/" + id + "/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as(coord)
                .when()
                .post("/api/v1/aid-cases/" + id + "/withdraw")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-BJ-01")))
                .when()
                .get("/api/v1/aid-programmes")
                .then()
                .statusCode(200)
                .body("items.programCode", hasItem("AID-PEMBRO-DEMO"));
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-BJ-01")))
                .when()
                .get("/api/v1/drugs/D001")
                .then()
                .statusCode(200)
                .body("aidProgram", equalTo("AID-PEMBRO-DEMO"));
    }

    @Test
    void an_uncollected_cycle_is_forfeited_and_a_case_with_nothing_collected_ends_forfeited() {
        String coord = coordinator();
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = open(coord, m.memberId());
        materials(coord, id);
        approve(coord, id, "2026-10-01"); // windows 10-01..10-15 and 10-22..11-05, both past on 2026-11-23
        as(coord)
                .when()
                .get("/api/v1/aid-cases/" + id)
                .then()
                .statusCode(200)
                .body("cycles.status", contains("FORFEITED", "FORFEITED"))
                .body("status", equalTo("FORFEITED"));
        as(coord)
                .body("{\"cycle\":1,\"collectedOn\":\"2026-10-05\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/collections")
                .then()
                .statusCode(409);
    }

    private String fill(Fixtures.Member m, int packs) {
        String p = as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"D001","packs":%d,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), packs))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
        return p;
    }

    private String redeem(Fixtures.Member m, String prescription) {
        redeemAt(m, prescription, "DEMO-PH-BJ-01");
        return prescription;
    }

    /** Picks the prescription up at {@code pharmacy}: the redemption's response, then dates the fill a month back. */
    private io.restassured.response.ValidatableResponse redeemAt(
            Fixtures.Member m, String prescription, String pharmacy) {
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacy + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        var redeemed = as(TestTokens.pharmacy(pharmacy))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions")
                .then()
                .statusCode(200);
        // the fill was a month ago: the next one is no refill too soon
        pool.preparedQuery("update prescription set dispensed_on = dispensed_on - 30 where id = $1")
                .execute(Tuple.of(UUID.fromString(prescription)))
                .await()
                .indefinitely();
        return redeemed;
    }

    private long used(Fixtures.Member m) {
        return pool.preparedQuery("select sum_insured_used_fen from accumulator where policy_number = $1")
                .execute(Tuple.of(m.policyNumber()))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void
            the_third_fill_without_aid_is_the_members_cost_and_with_an_approved_case_the_donated_pack_leaves_the_sum_insured_alone() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        redeem(m, fill(m, 1)); // fill 1: paid; deductible 5,000.00 met here
        redeem(m, fill(m, 1)); // fill 2: paid
        long before = used(m);
        String third = fill(m, 2); // fill 3: the programme would donate 1 of the 2 packs
        // no case: the pack aid would have donated costs the member 17,918.00; the other pack is split as usual:
        // insurer 17,918.00 × 70% = 12,542.60; member 17,918.00 + 5,375.40 = 23,293.40
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + third + "/estimate")
                .then()
                .statusCode(200)
                .body("money.totalFen", equalTo(3583600))
                .body("money.insurerPaysFen", equalTo(1254260))
                .body("money.memberPaysFen", equalTo(2329340))
                .body("money.aidPacks", equalTo(1))
                .body("money.aidKind", equalTo("MEMBER_COST"))
                .body("money.reasons", contains("AID_NOT_APPLIED"));

        // with an approved case the pack is donated: nobody pays it and the sum insured does not move for it
        String coord = coordinator();
        String id = open(coord, m.memberId());
        materials(coord, id);
        approve(coord, id, null);
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/prescriptions/" + third + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions")
                .then()
                .statusCode(200)
                .body("money.totalFen", equalTo(1791800))
                .body("money.insurerPaysFen", equalTo(1254260))
                .body("money.memberPaysFen", equalTo(537540))
                .body("money.aidKind", equalTo("DONATED"))
                .body("money.aidPacks", equalTo(1));
        assertEquals(before + 1254260, used(m), "only the paid pack consumed the sum insured");
    }

    @Test
    void
            refused_by_the_foundation_for_incomplete_materials_is_not_applied_but_refused_otherwise_is_normal_direct_pay() {
        assertEquals(
                com.oncopay.assistance.domain.AidRule.CaseState.REFUSED_INCOMPLETE,
                AidService.caseState("REJECTED:INCOMPLETE_MATERIALS"));
        assertEquals(
                com.oncopay.assistance.domain.AidRule.CaseState.REFUSED_OTHER,
                AidService.caseState("REJECTED:NOT_ELIGIBLE"));
        String coord = coordinator();
        String id = open(coord, "DEMO-M001");
        materials(coord, id);
        as(coord).when().post("/api/v1/aid-cases/" + id + "/submit").then().statusCode(200);
        as(coord)
                .body("{\"approved\":false,\"reason\":\"NOT_ELIGIBLE\"}")
                .when()
                .post("/api/v1/aid-cases/" + id + "/decision")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("nextAction", equalTo("DIRECT_PAY"));
    }

    /** 「至慈善基金会定点药房领取赠药」: AID-PEMBRO-DEMO's pharmacies are DEMO-PH-BJ-01 and DEMO-PH-SH-01. */
    @Test
    void a_donated_cycle_is_free_only_at_the_foundations_pharmacies_and_elsewhere_is_an_insured_fill_with_the_notice() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        redeem(m, fill(m, 1)); // fill 1: paid; deductible met here
        redeem(m, fill(m, 1)); // fill 2: paid
        String coord = coordinator();
        String id = open(coord, m.memberId());
        materials(coord, id);
        approve(coord, id, null);

        // fill 3 (donated cycle 1) at DEMO-PH-GZ-01, not one of the programme's pharmacies: nothing donated, the pack
        // is
        // split as any insured fill (17,918.00 × 70% = 12,542.60 from the sum insured), with the notice and why
        String third = fill(m, 1);
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-GZ-01\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + third + "/estimate")
                .then()
                .statusCode(200)
                .body("money.insurerPaysFen", equalTo(1254260))
                .body("money.reasons", contains("AID_NOT_APPLIED", "AID_PHARMACY_NOT_DESIGNATED"));
        long before = used(m);
        redeemAt(m, third, "DEMO-PH-GZ-01")
                .body("money.totalFen", equalTo(1791800))
                .body("money.insurerPaysFen", equalTo(1254260))
                .body("money.memberPaysFen", equalTo(537540))
                .body("money.aidKind", org.hamcrest.Matchers.nullValue())
                .body("money.aidPacks", org.hamcrest.Matchers.nullValue())
                .body("money.reasons", contains("AID_NOT_APPLIED", "AID_PHARMACY_NOT_DESIGNATED"));
        assertEquals(before + 1254260, used(m), "paid as an insured fill: the sum insured moved");

        // fill 4 (donated cycle 2) at DEMO-PH-BJ-01, the foundation's pharmacy: donated, free, the sum insured
        // untouched
        before = used(m);
        redeemAt(m, fill(m, 1), "DEMO-PH-BJ-01")
                .body("money.totalFen", equalTo(0))
                .body("money.insurerPaysFen", equalTo(0))
                .body("money.memberPaysFen", equalTo(0))
                .body("money.aidKind", equalTo("DONATED"))
                .body("money.aidPacks", equalTo(1))
                .body("money.reasons", org.hamcrest.Matchers.nullValue());
        assertEquals(before, used(m), "a donated pack does not touch the sum insured");

        // the programmes show their pharmacies by name
        as(coord)
                .when()
                .get("/api/v1/aid-programmes")
                .then()
                .statusCode(200)
                .body(
                        "items.find { it.programCode == 'AID-PEMBRO-DEMO' }.designatedPharmacies.code",
                        contains("DEMO-PH-BJ-01", "DEMO-PH-SH-01"))
                .body(
                        "items.find { it.programCode == 'AID-PEMBRO-DEMO' }.designatedPharmacies.name",
                        contains("示例 北京特药药房", "示例 上海特药药房"));
    }
}
