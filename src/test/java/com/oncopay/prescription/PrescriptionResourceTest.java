package com.oncopay.prescription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The business day of the test profile is Monday 2026-11-23 (Asia/Shanghai). */
@QuarkusTest
class PrescriptionResourceTest {
    @Inject
    Pool pool;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    static String body(String member, String drug, int packs, int daysSupply, String prescribedOn, String extra) {
        return """
                {"memberId":"%s","drugId":"%s","packs":%d,"daysSupply":%d,"prescribedOn":"%s","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"%s}""".formatted(member, drug, packs, daysSupply, prescribedOn, extra);
    }

    @Test
    void a_clean_prescription_is_approved_straight_through_and_stores_what_it_used() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D001", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .body("reasons.size()", equalTo(0))
                .body("tier", equalTo(2))
                .body("catalogVersion", equalTo(1))
                .body("reviewDueBy", nullValue())
                .extract()
                .path("prescriptionId");
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("diagnosisIcd10", nullValue());
        var inputs = pool.preparedQuery("select decision_inputs::text from prescription where id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
        org.junit.jupiter.api.Assertions.assertTrue(
                inputs.contains("\"catalogVersion\": 1") && inputs.contains("\"tier2.si\": 80"), inputs);
        org.junit.jupiter.api.Assertions.assertFalse(inputs.contains("C34"), "no diagnosis in the stored inputs");
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/prescriptions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].prescriptionId", equalTo(id));
    }

    @Test
    void more_concurrent_submissions_than_the_pool_has_connections_all_complete_with_the_catalog_cache_cold()
            throws Exception {
        // a submission once read the catalog through a second pool connection while holding its first: with the catalog
        // cache cold and as many submissions at once as the pool has connections (32), every one waited for another.
        // Each submission names another drug, so that each misses the catalog cache (its answer is 201 whatever the
        // decision).
        List<String> members = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++)
            members.add(Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01")
                    .memberId());
        redis.execute("FLUSHDB");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(48);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String m = members.get(i), drug = "D%03d".formatted(i + 1);
                results.add(threads.submit(() -> as(TestTokens.admin())
                        .body(body(m, drug, 1, 21, "2026-11-23", ""))
                        .when()
                        .post("/api/v1/prescriptions")
                        .statusCode()));
            }
            for (var f : results) assertEquals(201, f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void every_failing_reason_is_reported_together() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2025-12-01"); // before cover began
        String wrongId = Fixtures.residentId("1970-03-01", 999);
        as(TestTokens.admin())
                .body(body(
                        m.memberId(),
                        "D001",
                        1,
                        60,
                        "2026-11-19",
                        ",\"validDays\":3,\"applicant\":{\"relation\":\"SELF\"," + "\"name\":\"某人\",\"idNumber\":\""
                                + wrongId + "\"}"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body(
                        "reasons.code",
                        contains("PRE_EXISTING", "PRESCRIPTION_EXPIRED", "QUANTITY_LIMIT", "APPLICANT_NOT_AUTHORISED"))
                .body("reasons[1].message", equalTo("处方已过有效期"));
    }

    @Test
    void a_second_open_fill_of_the_same_molecule_is_duplicate_therapy() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D031", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"));
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D032", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("reasons.code", contains("DUPLICATE_THERAPY"));
    }

    @Test
    void submission_is_idempotent() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String key = UUID.randomUUID().toString();
        String b = body(m.memberId(), "D002", 1, 21, "2026-11-23", "");
        String first = as(TestTokens.member(m.memberId()))
                .header("Idempotency-Key", key)
                .body(b)
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        String again = as(TestTokens.member(m.memberId()))
                .header("Idempotency-Key", key)
                .body(b)
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("prescriptionId");
        assertEquals(first, again);
        as(TestTokens.member(m.memberId()))
                .header("Idempotency-Key", key)
                .body(body(m.memberId(), "D002", 2, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(
                1L,
                pool.preparedQuery("select count(*) from prescription where member_id = $1")
                        .execute(Tuple.of(m.memberId()))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0));
    }

    @Test
    void car_t_without_the_clinical_facts_goes_to_review_due_the_next_business_day_and_a_reviewer_decides() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                // the application's materials a CAR-T approval needs (#20 item 4), supplied with it
                .body(body(m.memberId(), "D104", 1, 1, "2026-11-23", "," + Fixtures.CAR_T_MATERIALS)
                        .replace("C34.9", "C83.3"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("missingFacts", hasItems("priorLines", "diseaseStatus"))
                .body("reviewDueBy", equalTo("2026-11-24T23:59:59+08:00"))
                .body("investigationDueBy", equalTo("2026-12-14T23:59:59+08:00"))
                .extract()
                .path("prescriptionId");
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/reviews/queue?size=200")
                .then()
                .statusCode(200)
                .body("items.prescriptionId", hasItem(id));
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/reviews/queue")
                .then()
                .statusCode(403);
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REJECT\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reasonCode"));
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REQUEST_INFO\",\"note\":\"请补充既往治疗线数\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("INFO_REQUESTED"));
        as(TestTokens.reviewer())
                .body("{\"decision\":\"APPROVE\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decidedAt", equalTo("2026-11-23T10:00:00+08:00")); // the business clock, not the database's
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REJECT\",\"reasonCode\":\"INDICATION_NOT_MET\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/reviews/queue?size=200")
                .then()
                .statusCode(200)
                .body("items.prescriptionId", not(hasItem(id)));
        assertEquals(
                3L,
                pool.preparedQuery(
                                "select count(*) from audit_log where object_type = 'prescription' and object_id = $1")
                        .execute(Tuple.of(id))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0),
                "the decision and both reviews are audited");
    }

    @Test
    void car_t_refused_at_the_relapse_window_boundary() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        as(TestTokens.member(m.memberId()))
                .body(body(
                                m.memberId(),
                                "D104",
                                1,
                                1,
                                "2026-11-23",
                                ",\"clinical\":{\"priorLines\":1,\"diseaseStatus\":\"RELAPSED\",\"monthsToRelapse\":13}")
                        .replace("C34.9", "C83.3"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("reasons.code", contains("INDICATION_NOT_MET"));
    }

    @Test
    void a_paper_application_received_before_the_national_day_holiday_is_due_after_it() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        as(TestTokens.admin())
                .body(body(m.memberId(), "D104", 1, 1, "2026-09-30", ",\"receivedAt\":\"2026-09-30T10:00:00+08:00\"")
                        .replace("C34.9", "C83.3"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("reviewDueBy", equalTo("2026-10-08T23:59:59+08:00"));
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D001", 1, 1, "2026-09-30", ",\"receivedAt\":\"2026-09-30T10:00:00+08:00\""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(403);
    }

    @Test
    void objects_of_other_members_are_404_and_bad_input_is_a_4xx() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D004", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        as(TestTokens.member("someone-else"))
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(404);
        as(TestTokens.member("someone-else"))
                .body(body(m.memberId(), "D004", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(404);
        as(TestTokens.member("someone-else"))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/prescriptions")
                .then()
                .statusCode(404);
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/not-a-uuid")
                .then()
                .statusCode(404);
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D004", 1001, 366, "2026-11-24", ",\"validDays\":4"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("packs", "daysSupply", "validDays"));
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D004", 1, 21, "2026-11-24", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(400)
                .body("errors.field", contains("prescribedOn"));
        as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D004", 1, 21, "2026-11-23", "").replace("DEMO-H-BJ-01", "NOPE"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(400)
                .body("errors.field", contains("hospitalCode"));
    }

    @Test
    void the_estimate_shows_the_split_and_changes_nothing() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                .body(body(m.memberId(), "D001", 1, 21, "2026-11-23", ""))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
        // a pharmacy estimates only a prescription it has an open pickup or delivery for
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(404);
        as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/fulfilment")
                .then()
                .statusCode(201);
        for (int i = 0; i < 2; i++) {
            // 1,791,800 − deductible 500,000 = 1,291,800 × 70% (tier 2, no social insurance) = 904,260
            as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                    .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":0}")
                    .when()
                    .post("/api/v1/prescriptions/" + id + "/estimate")
                    .then()
                    .statusCode(200)
                    .body("unitPriceFen", equalTo(1791800))
                    .body("money.totalFen", equalTo(1791800))
                    .body("money.deductibleAppliedFen", equalTo(500000))
                    .body("money.ratioPercent", equalTo(70))
                    .body("money.insurerPaysFen", equalTo(904260))
                    .body("money.memberPaysFen", equalTo(887540))
                    .body("money.sumInsuredBeforeFen", equalTo(300000000))
                    .body("money.sumInsuredAfterFen", equalTo(299095740))
                    .body("money.deductibleRemainingAfterFen", equalTo(0));
        }
        // with social insurance: (1,791,800 − 600,000 − 500,000) × 80% = 553,440
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":600000}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(200)
                .body("money.ratioPercent", equalTo(80))
                .body("money.insurerPaysFen", equalTo(553440))
                .body("money.memberPaysFen", equalTo(638360));
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":1791801}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(422)
                .body("code", equalTo("SOCIAL_INSURANCE_EXCEEDS_TOTAL"));
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":10.5}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(400);
        as(TestTokens.member(m.memberId()))
                .body("{\"pharmacyCode\":\"DEMO-PH-CD-01\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(422)
                .body("code", equalTo("PHARMACY_NOT_DESIGNATED"));
        as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/estimate")
                .then()
                .statusCode(404);
        var acc = pool.preparedQuery(
                        "select deductible_met_fen, sum_insured_used_fen from accumulator where policy_number = $1")
                .execute(Tuple.of(m.policyNumber()))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals(
                List.of(0L, 0L), List.of(acc.getLong(0), acc.getLong(1)), "an estimate never changes an accumulator");
    }
}
