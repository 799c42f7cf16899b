package com.oncopay.prescription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #19 item 1 against the real services: a benign diagnosis no longer hides the waiting period, the undesignated
 * hospital and the not-first diagnosis; eligibility and a submission list every reason, in the documented order, each
 * with its localised message. Policies of the fixtures run 2026-01-01..2026-12-31 (DEMO-GOLD: 90-day waiting period,
 * so day 90 is 2026-03-31). DEMO-H-CD-01 is not a designated hospital; DEMO-H-BJ-01 is.
 */
@QuarkusTest
class EveryFailingReasonTest {
    static final List<String> FOUR =
            List.of("NOT_MALIGNANT_TUMOUR", "NOT_FIRST_DIAGNOSIS", "WAITING_PERIOD", "HOSPITAL_NOT_DESIGNATED");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    static Fixtures.Member benign(String on, String hospital, boolean firstEver) {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, null, null);
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"icd10\":\"D12.0\",\"diagnosedOn\":\"" + on + "\",\"hospitalCode\":\"" + hospital
                        + "\",\"specialist\":true,\"firstEver\":" + firstEver + "}")
                .when()
                .post("/api/v1/members/" + m.memberId() + "/diagnoses")
                .then()
                .statusCode(201);
        return m;
    }

    @Test
    void eligibility_lists_all_four_reasons_of_a_benign_diagnosis_in_chinese_and_english() {
        var m = benign("2026-02-01", "DEMO-H-CD-01", false);
        String url = "/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001&on=2026-11-23";
        as(TestTokens.member(m.memberId()))
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reasons.code", contains(FOUR.toArray()))
                .body("reasons.message", contains("没有恶性肿瘤确诊记录", "非初次确诊恶性肿瘤", "确诊日期在等待期内", "确诊医院不是指定医院"))
                .body("waitingPeriodEndsOn", equalTo("2026-03-31"));
        as(TestTokens.reviewer())
                .header("Accept-Language", "en")
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .body("reasons.code", contains(FOUR.toArray()))
                .body("reasons[2].message", equalTo("Diagnosed within the waiting period"));
    }

    @ParameterizedTest(name = "benign diagnosis on {0} → {1}")
    @CsvSource({
        "2026-03-31, NOT_MALIGNANT_TUMOUR;WAITING_PERIOD", // day 90 of the waiting period
        "2026-04-01, NOT_MALIGNANT_TUMOUR" // day 91
    })
    void waiting_period_day_90_vs_day_91_with_a_benign_diagnosis(String on, String reasons) {
        var m = benign(on, "DEMO-H-BJ-01", true);
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reasons.code", contains((Object[]) reasons.split(";")));
    }

    @Test
    void without_a_policy_in_force_the_diagnosis_and_drug_reasons_are_still_listed() {
        var m = benign("2026-02-01", "DEMO-H-CD-01", false);
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D999&on=2027-02-01")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body(
                        "reasons.code",
                        contains(
                                "NO_POLICY_IN_FORCE",
                                "NOT_MALIGNANT_TUMOUR",
                                "NOT_FIRST_DIAGNOSIS",
                                "HOSPITAL_NOT_DESIGNATED",
                                "DRUG_NOT_COVERED"));
    }

    @Test
    void a_submission_is_rejected_with_every_reason_and_keeps_them() {
        var m = benign("2026-02-01", "DEMO-H-CD-01", false);
        String member = TestTokens.member(m.memberId());
        String id = as(member)
                .contentType("application/json")
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-20",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"D12.0"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                // the eligibility reasons first, in their order, then the prescription's own (here: expired)
                .body("reasons.code", hasItems(FOUR.toArray()))
                .body("reasons.code[0]", equalTo("NOT_MALIGNANT_TUMOUR"))
                .body("reasons.code[3]", equalTo("HOSPITAL_NOT_DESIGNATED"))
                .body("reasons.code", hasItems("PRESCRIPTION_EXPIRED"))
                .body("reasons[0].message", startsWith("没有恶性肿瘤"))
                .extract()
                .path("prescriptionId");
        as(member)
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reasons.code", hasItems(FOUR.toArray()))
                .body("reasons.code", hasItems("PRESCRIPTION_EXPIRED"));
        // a rejected prescription moves no money: no fulfilment can be chosen for it
        as(member)
                .contentType("application/json")
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/fulfilment")
                .then()
                .statusCode(409)
                .body("code", equalTo("PRESCRIPTION_NOT_APPROVED"));
    }
}
