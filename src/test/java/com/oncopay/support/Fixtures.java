package com.oncopay.support;

import static io.restassured.RestAssured.given;

import com.oncopay.coverage.domain.ResidentId;
import java.util.UUID;

/** Members, policies and diagnoses made through the real API, each test with its own. */
public final class Fixtures {
    private Fixtures() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String residentId(String birth, int seq) {
        String first17 = "110105" + birth.replace("-", "") + String.format("%03d", seq);
        return first17 + ResidentId.checkCharacter(first17);
    }

    /** A member with a policy of {@code product} from 2026-01-01 to 2026-12-31 and a first diagnosis on {@code diagnosedOn}. */
    public static Member member(
            String product, String birth, boolean socialInsurance, String icd10, String diagnosedOn) {
        String memberId = unique("M");
        String id = residentId(birth, 100 + (int) (Math.random() * 800));
        String policy = unique("POL");
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json")
                .body("""
                        {"policyNumber":"%s","productCode":"%s","member":{"memberId":"%s","name":"测试会员","idType":"RESIDENT_ID",
                         "idNumber":"%s","birthDate":"%s","mainlandCitizen":true,"socialInsurance":%s},
                         "effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(policy, product, memberId, id, birth, socialInsurance))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        if (icd10 != null) {
            given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                    .contentType("application/json")
                    .body("{\"icd10\":\"" + icd10 + "\",\"diagnosedOn\":\"" + diagnosedOn
                            + "\",\"hospitalCode\":\"DEMO-H-BJ-01\",\"specialist\":true,\"firstEver\":true}")
                    .when()
                    .post("/api/v1/members/" + memberId + "/diagnoses")
                    .then()
                    .statusCode(201);
        }
        return new Member(memberId, id, policy);
    }

    /**
     * The application's materials (#20 item 4) a CAR-T prescription needs before a reviewer may approve it, as the
     * {@code documents} member of a submission or an answer: what every drug needs, and the lab reports its
     * indication rule needs (application.properties, oncopay.prescription.materials.required.*).
     */
    public static final String CAR_T_MATERIALS = """
            "documents":["MEDICAL_RECORD_FIRST_DIAGNOSIS","DIAGNOSIS_CERTIFICATE","PRESCRIPTION","PATHOLOGY_REPORT",
            "LAB_REPORT"]""";

    public record Member(String memberId, String idNumber, String policyNumber) {}

    /** The engine's Prometheus exposition ({@code /q/metrics}), checked to answer 200. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
