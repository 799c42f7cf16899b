package com.oncopay.prescription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 item 4: a prescription's materials checklist (seed 004: 「病历资料（含首诊病历）、医学诊断书、基因检测、特药处方、
 * 病理检查报告、化验检查报告等医学材料和本产品理赔通知书」). A reviewer cannot approve while a material its drug requires is
 * missing: 422 MATERIALS_INCOMPLETE with the list.
 */
@QuarkusTest
class MaterialsResourceTest {
    @Inject
    Pool pool;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /** 泰瑞沙 (D060, indication rule BIOMARKER:EGFR) without the EGFR result: queued for review. */
    static String egfrForReview(String memberId, String documents) {
        return as(TestTokens.member(memberId))
                .body("""
                        {"memberId":"%s","drugId":"D060","packs":1,"daysSupply":28,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9",
                         "documents":%s}""".formatted(memberId, documents))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .extract()
                .path("prescriptionId");
    }

    static io.restassured.response.Response approve(String id) {
        return as(TestTokens.reviewer())
                .body("{\"decision\":\"APPROVE\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review");
    }

    static io.restassured.response.Response record(String token, String id, String kind, String body) {
        return as(token).body(body).when().put("/api/v1/prescriptions/" + id + "/materials/" + kind);
    }

    @Test
    void
            a_drug_whose_indication_names_a_biomarker_is_not_approved_until_its_genetic_test_and_the_others_are_received() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        var other = Fixtures.member("DEMO-GOLD", "1971-04-02", true, "C34.9", "2026-05-01");
        String id = egfrForReview(m.memberId(), "[\"PRESCRIPTION\"]");

        // the member reads their own checklist: what the drug requires, what was supplied online with the submission
        String materials = "/api/v1/prescriptions/" + id + "/materials";
        as(TestTokens.member(m.memberId()))
                .when()
                .get(materials)
                .then()
                .statusCode(200)
                .body("complete", equalTo(false))
                .body("drugName", equalTo("甲磺酸奥希替尼片（泰瑞沙）"))
                .body(
                        "required",
                        contains(
                                "MEDICAL_RECORD_FIRST_DIAGNOSIS",
                                "DIAGNOSIS_CERTIFICATE",
                                "GENETIC_TEST",
                                "PRESCRIPTION",
                                "PATHOLOGY_REPORT"))
                .body(
                        "missing",
                        contains(
                                "MEDICAL_RECORD_FIRST_DIAGNOSIS",
                                "DIAGNOSIS_CERTIFICATE",
                                "GENETIC_TEST",
                                "PATHOLOGY_REPORT"))
                .body("items", hasSize(7))
                .body("items.find { it.kind == 'GENETIC_TEST' }.label", equalTo("基因检测"))
                .body("items.find { it.kind == 'GENETIC_TEST' }.required", equalTo(true))
                .body("items.find { it.kind == 'CLAIM_NOTICE' }.required", equalTo(false))
                .body("items.find { it.kind == 'PRESCRIPTION' }.received", equalTo(true))
                .body("items.find { it.kind == 'PRESCRIPTION' }.channel", equalTo("ONLINE"))
                .body("items.find { it.kind == 'PRESCRIPTION' }.recordedByRole", equalTo("MEMBER"))
                .body("items.find { it.kind == 'PRESCRIPTION' }.recordedAt", equalTo("2026-11-23T10:00:00+08:00"));
        as(TestTokens.member(m.memberId()))
                .header("Accept-Language", "en")
                .when()
                .get(materials)
                .then()
                .body("items.find { it.kind == 'GENETIC_TEST' }.label", equalTo("Genetic test"));
        // someone else's prescription does not exist for them; a pharmacy may not read it
        as(TestTokens.member(other.memberId())).when().get(materials).then().statusCode(404);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01")).when().get(materials).then().statusCode(403);

        // the approval is refused with what is missing, and nothing changes
        approve(id)
                .then()
                .statusCode(422)
                .body("code", equalTo("MATERIALS_INCOMPLETE"))
                .body("title", equalTo("申请材料不齐全"))
                .body(
                        "missing",
                        contains(
                                "MEDICAL_RECORD_FIRST_DIAGNOSIS",
                                "DIAGNOSIS_CERTIFICATE",
                                "GENETIC_TEST",
                                "PATHOLOGY_REPORT"));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .body("status", equalTo("PENDING_REVIEW"))
                .body("decidedAt", nullValue());

        // the member cannot record materials; a reviewer must say how one came; unknown kinds do not exist
        String paper = "{\"received\":true,\"channel\":\"PAPER\"}";
        record(TestTokens.member(m.memberId()), id, "GENETIC_TEST", paper)
                .then()
                .statusCode(403);
        record(TestTokens.reviewer(), id, "GENETIC_TEST", "{\"received\":true}")
                .then()
                .statusCode(400);
        record(TestTokens.reviewer(), id, "X_RAY", paper).then().statusCode(404);
        record(TestTokens.reviewer(), UUID.randomUUID().toString(), "GENETIC_TEST", paper)
                .then()
                .statusCode(404);

        // recorded one by one; the genetic test first seen unreadable, then received by post
        for (String kind :
                new String[] {"MEDICAL_RECORD_FIRST_DIAGNOSIS", "DIAGNOSIS_CERTIFICATE", "PATHOLOGY_REPORT"}) {
            record(TestTokens.reviewer(), id, kind, paper).then().statusCode(200);
        }
        record(
                        TestTokens.reviewer(),
                        id,
                        "GENETIC_TEST",
                        "{\"received\":false,\"channel\":\"ONLINE\",\"note\":\"上传的报告无法辨认\"}")
                .then()
                .statusCode(200)
                .body("missing", contains("GENETIC_TEST"))
                .body("items.find { it.kind == 'GENETIC_TEST' }.note", equalTo("上传的报告无法辨认"));
        approve(id).then().statusCode(422).body("missing", contains("GENETIC_TEST"));
        record(
                        TestTokens.admin(),
                        id,
                        "GENETIC_TEST",
                        "{\"received\":true,\"channel\":\"POST\",\"note\":\"EGFR 检测报告原件已邮寄收到\"}")
                .then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("missing", hasSize(0))
                .body("items.find { it.kind == 'GENETIC_TEST' }.channel", equalTo("POST"))
                .body("items.find { it.kind == 'GENETIC_TEST' }.recordedByRole", equalTo("ADMIN"));

        approve(id).then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals(5L, audited("PRESCRIPTION_MATERIAL_RECORDED", id));
    }

    @Test
    void documents_supplied_in_an_answer_to_a_request_for_information_are_received_online() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                .body("""
                        {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C83.3"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .extract()
                .path("prescriptionId");
        // a CAR-T rule on lines of therapy and disease status: the lab reports too
        approve(id)
                .then()
                .statusCode(422)
                .body(
                        "missing",
                        contains(
                                "MEDICAL_RECORD_FIRST_DIAGNOSIS",
                                "DIAGNOSIS_CERTIFICATE",
                                "PRESCRIPTION",
                                "PATHOLOGY_REPORT",
                                "LAB_REPORT"));
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REQUEST_INFO\",\"note\":\"请上传申请材料\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200);
        as(TestTokens.member(m.memberId()))
                .body("{" + Fixtures.CAR_T_MATERIALS + "}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/prescriptions/" + id + "/materials")
                .then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("items.find { it.kind == 'LAB_REPORT' }.channel", equalTo("ONLINE"))
                .body("items.find { it.kind == 'LAB_REPORT' }.recordedByRole", equalTo("MEMBER"))
                .body("items.find { it.kind == 'GENETIC_TEST' }.required", equalTo(false));
        approve(id).then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void a_decision_other_than_approval_needs_no_materials_and_straight_through_approvals_are_unchanged() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String id = egfrForReview(m.memberId(), "[]");
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REJECT\",\"reasonCode\":\"INDICATION_NOT_MET\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        // a drug without an indication rule is decided by the engine on its facts, as before
        as(TestTokens.member(m.memberId()))
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"));
    }

    long audited(String action, String id) {
        return pool.preparedQuery("select count(*) from audit_log where action = $1 and object_id = $2")
                .execute(Tuple.of(action, id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}
