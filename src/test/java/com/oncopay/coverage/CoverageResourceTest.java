package com.oncopay.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.support.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CoverageResourceTest {
    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Builds a valid resident id for a birth date. */
    static String residentId(String birth, int seq) {
        String first17 = "110105" + birth.replace("-", "") + String.format("%03d", seq);
        return first17 + com.oncopay.coverage.domain.ResidentId.checkCharacter(first17);
    }

    static String productJson(String code, int waitingDays) {
        return """
                {"code":"%s","name":"测试产品","planLevel":"GOLD","sumInsuredFen":300000000,"deductibleFen":500000,
                 "waitingPeriodDays":%d,"renewalGraceDays":60,"ratios":[
                 {"tier":1,"socialInsuranceUsed":true,"percent":90},{"tier":2,"socialInsuranceUsed":true,"percent":80},
                 {"tier":3,"socialInsuranceUsed":true,"percent":70},{"tier":1,"socialInsuranceUsed":false,"percent":80},
                 {"tier":2,"socialInsuranceUsed":false,"percent":70},{"tier":3,"socialInsuranceUsed":false,"percent":60}]}
                """.formatted(code, waitingDays);
    }

    static String policyJson(
            String policy,
            String product,
            String member,
            String idNumber,
            String birth,
            String from,
            String to,
            String previous) {
        return """
                {"policyNumber":"%s","productCode":"%s","member":{"memberId":"%s","name":"测试","idType":"RESIDENT_ID",
                 "idNumber":"%s","birthDate":"%s","mainlandCitizen":true,"socialInsurance":true},
                 "effectiveDate":"%s","expiryDate":"%s"%s}
                """.formatted(
                        policy,
                        product,
                        member,
                        idNumber,
                        birth,
                        from,
                        to,
                        previous == null ? "" : ",\"previousPolicyNumber\":\"" + previous + "\"");
    }

    static void diagnosis(String member, String on, String hospital) {
        admin().body("{\"icd10\":\"C34.9\",\"diagnosedOn\":\"" + on + "\",\"hospitalCode\":\"" + hospital
                        + "\",\"specialist\":true,\"firstEver\":true}")
                .when()
                .post("/api/v1/members/" + member + "/diagnoses")
                .then()
                .statusCode(201)
                .body("diagnosisId", not(nullValue()))
                .body("icd10", nullValue());
    }

    private long count(String table) {
        return pool.query("select count(*) from " + table)
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_product_hospital_policy_and_diagnosis_made_through_the_api_give_eligibility_at_the_day_90_boundary() {
        String product = unique("P");
        admin().body(productJson(product, 90))
                .when()
                .post("/api/v1/products")
                .then()
                .statusCode(201)
                .body("code", equalTo(product))
                .body("ratios.size()", equalTo(6));
        admin().when().get("/api/v1/products/" + product).then().statusCode(200).body("waitingPeriodDays", equalTo(90));
        String hospital = unique("H");
        admin().body("{\"code\":\"" + hospital
                        + "\",\"name\":\"某医院\",\"province\":\"北京市\",\"city\":\"北京\",\"grade\":\"GRADE_3\","
                        + "\"publicOwned\":true,\"kind\":\"GENERAL\"}")
                .when()
                .post("/api/v1/hospitals")
                .then()
                .statusCode(201)
                .body("designated", equalTo(true))
                .body("province", equalTo("北京"));

        String inside = unique("M"), after = unique("M");
        String id1 = residentId("1970-01-01", 11), id2 = residentId("1971-02-02", 12);
        admin().body(policyJson(unique("POL"), product, inside, id1, "1970-01-01", "2026-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201)
                .body(
                        "member.idNumber",
                        equalTo("******************")) // beside the birth date (ADMIN): nothing of the number
                .body("member.birthDate", equalTo("1970-01-01"))
                .body(not(org.hamcrest.Matchers.containsString(id1.substring(14))));
        admin().body(policyJson(unique("POL"), product, after, id2, "1971-02-02", "2026-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        diagnosis(inside, "2026-03-31", hospital);
        diagnosis(after, "2026-04-01", hospital);

        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/" + inside + "/eligibility?drugId=D001&on=2026-06-01")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reasons.code", contains("WAITING_PERIOD"))
                .body("reasons[0].message", equalTo("确诊日期在等待期内"))
                .body("waitingPeriodEndsOn", equalTo("2026-03-31"));
        given().header("Authorization", TestTokens.bearer(TestTokens.member(after)))
                .when()
                .get("/api/v1/members/" + after + "/eligibility?drugId=D001&on=2026-06-01")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("reasons.size()", equalTo(0))
                .body("tier", equalTo(2))
                .body("ratioPercent", equalTo(80))
                .body("sumInsuredRemainingFen", equalTo(300000000))
                .body("deductibleRemainingFen", equalTo(500000))
                .body("fulfilmentModes", contains("PICKUP", "DELIVERY"));
    }

    @Test
    void eligibility_is_cached_and_a_new_diagnosis_invalidates_it_and_the_cache_holds_no_identity_or_diagnosis() {
        String token = TestTokens.bearer(TestTokens.member("DEMO-M004"));
        String url = "/api/v1/members/DEMO-M004/eligibility?drugId=D031&on=2026-11-23";
        given().header("Authorization", token)
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .header("X-Cache", "MISS")
                .body("reasons.code", contains("HOSPITAL_NOT_DESIGNATED"));
        given().header("Authorization", token)
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .header("X-Cache", "HIT")
                .body("reasons.code", contains("HOSPITAL_NOT_DESIGNATED"))
                .body("ratioPercent", equalTo(60));

        String cached = String.join(
                "", redis.hash(String.class).hgetall("elig:DEMO-M004").values());
        assertFalse(cached.contains("C16"), "no diagnosis in the cache");
        assertFalse(cached.contains("110105"), "no identity number in the cache");

        diagnosis("DEMO-M004", "2026-11-01", "DEMO-H-BJ-01"); // a later diagnosis does not change the first-ever one
        given().header("Authorization", token)
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .header("X-Cache", "MISS");
    }

    @Test
    void the_demo_members_show_their_situations() {
        var reviewer = given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()));
        reviewer.when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("fulfilmentModes", contains("PICKUP", "DELIVERY"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M002/eligibility?drugId=D001&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("reasons.code", contains("WAITING_PERIOD"))
                .body("waitingPeriodEndsOn", equalTo("2026-11-29"));
        // renewal 46 days after expiry continues the chain: the diagnosis in the first term still counts
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M003/eligibility?drugId=D142&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("policyNumber", equalTo("DEMO-P-0004"))
                .body("waitingPeriodEndsOn", equalTo("2025-05-29"))
                .body(
                        "fulfilmentModes",
                        contains("HOSPITAL")) // a CAR-T: cold-chain transfer to the hospital only (#19)
                .body("deliveryRefusal.code", equalTo("HOSPITAL_ONLY"));
        // NRDL drug for a social-insurance member: store pickup only
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D031&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("fulfilmentModes", contains("PICKUP"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D999&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("reasons.code", contains("DRUG_NOT_COVERED"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2027-01-05")
                .then()
                .statusCode(200)
                .body("reasons.code", contains("NO_POLICY_IN_FORCE"));
    }

    @Test
    void a_member_cannot_read_another_members_eligibility_and_other_roles_are_refused() {
        given().header("Authorization", TestTokens.bearer(TestTokens.member("DEMO-M001")))
                .when()
                .get("/api/v1/members/DEMO-M002/eligibility?drugId=D001")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().header("Authorization", TestTokens.bearer(TestTokens.member("DEMO-M001")))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001")
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("DEMO-PH-BJ-01")))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/NOBODY/eligibility?drugId=D001")
                .then()
                .statusCode(404)
                .body("code", equalTo("MEMBER_NOT_FOUND"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("drugId"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2026-02-30")
                .then()
                .statusCode(400);
    }

    @Test
    void bad_policy_input_is_a_4xx_problem_and_writes_nothing() {
        // audit rows of changes only: read audits of earlier tests are written in batches and may land meanwhile
        String changes = "audit_log where action not like '%\\_READ' and action <> 'ACCESS_DENIED'";
        long policies = count("policy"), members = count("member"), audit = count(changes);
        String member = unique("M");
        String id = residentId("1980-05-05", 21);
        admin().body(policyJson(
                        unique("POL"), "NO-SUCH-PRODUCT", member, id, "1980-05-05", "2026-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRODUCT_NOT_FOUND"));
        admin().body(policyJson(unique("POL"), "DEMO-GOLD", member, id, "1980-05-05", "2026-12-31", "2026-01-01", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("expiryDate"));
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '1' ? "2" : "1");
        admin().body(policyJson(
                        unique("POL"), "DEMO-GOLD", member, wrongCheck, "1980-05-05", "2026-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("member.idNumber"))
                .body("errors[0].code", equalTo("INVALID_CHECK_DIGIT"))
                .body(not(org.hamcrest.Matchers.containsString(wrongCheck)));
        admin().body(policyJson(unique("POL"), "DEMO-GOLD", member, id, "1981-05-05", "2026-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("INVALID_BIRTH_DATE"));
        admin().body(policyJson(unique("POL"), "DEMO-GOLD", member, id, "1980-05-05", "1800-01-01", "2026-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("effectiveDate"));
        admin().body(policyJson(
                        unique("POL"),
                        "DEMO-GOLD",
                        member,
                        id,
                        "1980-05-05",
                        "2026-01-01",
                        "2026-12-31",
                        "NO-SUCH-POLICY"))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(422)
                .body("code", equalTo("PREVIOUS_POLICY_INVALID"));
        admin().body("{\"policyNumber\":\"X\"}")
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("member"))
                .body("errors.field", hasItem("productCode"));
        assertEquals(policies, count("policy"));
        assertEquals(members, count("member"));
        assertEquals(audit, count(changes));
    }

    @Test
    void the_same_member_with_another_identity_number_is_refused_and_a_renewal_links_the_chain() {
        String product = "DEMO-GOLD", member = unique("M");
        String id = residentId("1990-03-03", 31);
        String first = unique("POL"), second = unique("POL");
        admin().body(policyJson(first, product, member, id, "1990-03-03", "2025-01-01", "2025-12-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        admin().body(policyJson(
                        unique("POL"),
                        product,
                        member,
                        residentId("1990-03-03", 32),
                        "1990-03-03",
                        "2026-01-01",
                        "2026-12-31",
                        first))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(409)
                .body("code", equalTo("MEMBER_IDENTITY_MISMATCH"));
        admin().body(policyJson(unique("POL"), product, member, id, "1990-03-03", "2025-06-01", "2026-05-31", null))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(409)
                .body("code", equalTo("POLICY_OVERLAP"));
        admin().body(policyJson(second, product, member, id, "1990-03-03", "2026-03-01", "2027-02-28", first))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201)
                .body("previousPolicyNumber", equalTo(first));
        admin().body(policyJson(unique("POL"), product, member, id, "1990-03-03", "2027-03-01", "2028-02-28", first))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_RENEWED"));
        admin().when()
                .get("/api/v1/policies/" + second)
                .then()
                .statusCode(200)
                .body("member.idNumber", equalTo("******************"))
                .body("member.birthDate", equalTo("1990-03-03"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/policies/" + second)
                .then()
                .statusCode(200)
                .body("member.idNumber", equalTo("**************" + id.substring(14)))
                .body("member.birthDate", org.hamcrest.Matchers.nullValue());
        diagnosis(member, "2025-07-01", "DEMO-H-SH-01");
        // renewal effective 2026-03-01 is 60 days after 2025-12-31: the chain continues
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/" + member + "/eligibility?drugId=D001&on=2026-06-01")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("waitingPeriodEndsOn", equalTo("2025-03-31"));
        // a diagnosis stored encrypted: the database holds no readable ICD-10 code
        var row = pool.preparedQuery("select icd10_enc from diagnosis where member_id = $1")
                .execute(Tuple.of(member))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertFalse(
                new String(row.getBuffer(0).getBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("C34"));
    }

    @Test
    void hospitals_and_pharmacies_are_designated_by_the_rules() {
        for (String[] h : new String[][] {
            {"香港", "true", "GRADE_3", "GENERAL"},
            {"江苏", "true", "GRADE_3", "SANATORIUM"},
            {"浙江", "false", "GRADE_3", "GENERAL"},
            {"上海", "true", "GRADE_1", "GENERAL"}
        }) {
            admin().body("{\"code\":\"" + unique("H") + "\",\"name\":\"x\",\"province\":\"" + h[0]
                            + "\",\"city\":\"x\",\"grade\":\"" + h[2] + "\",\"publicOwned\":" + h[1] + ",\"kind\":\""
                            + h[3] + "\"}")
                    .when()
                    .post("/api/v1/hospitals")
                    .then()
                    .statusCode(201)
                    .body("designated", equalTo(false));
        }
        admin().body("{\"code\":\"" + unique("H")
                        + "\",\"name\":\"x\",\"province\":\"Atlantis\",\"city\":\"x\",\"grade\":\"GRADE_3\","
                        + "\"publicOwned\":true,\"kind\":\"GENERAL\"}")
                .when()
                .post("/api/v1/hospitals")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("province"));
        String ph = unique("PH");
        admin().body(
                        "{\"code\":\"" + ph
                                + "\",\"name\":\"x\",\"province\":\"北京\",\"city\":\"北京\",\"gspCertified\":true,\"coldChain\":false,"
                                + "\"pharmacistOnSite\":true,\"socialInsuranceSettlement\":true,\"prices\":[{\"drugId\":\"D001\",\"priceFen\":1791800},{\"drugId\":\"31\",\"priceFen\":289000}]}")
                .when()
                .post("/api/v1/pharmacies")
                .then()
                .statusCode(201)
                .body("designated", equalTo(true))
                .body("prices.drugId", contains("D001", "D031"));
        admin().body(
                        "{\"code\":\"" + unique("PH")
                                + "\",\"name\":\"x\",\"province\":\"北京\",\"city\":\"北京\",\"gspCertified\":true,\"coldChain\":false,"
                                + "\"pharmacistOnSite\":true,\"socialInsuranceSettlement\":true,\"prices\":[{\"drugId\":\"D999\",\"priceFen\":100},{\"drugId\":\"D001\",\"priceFen\":1.5}]}")
                .when()
                .post("/api/v1/pharmacies")
                .then()
                .statusCode(400);
        admin().body(
                        "{\"code\":\"" + unique("PH")
                                + "\",\"name\":\"x\",\"province\":\"北京\",\"city\":\"北京\",\"gspCertified\":true,\"coldChain\":false,"
                                + "\"pharmacistOnSite\":true,\"socialInsuranceSettlement\":true,\"prices\":[{\"drugId\":\"D999\",\"priceFen\":100}]}")
                .when()
                .post("/api/v1/pharmacies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("prices[0].drugId"));
        admin().body(productJson("DEMO-GOLD", 90))
                .when()
                .post("/api/v1/products")
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_EXISTS"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .contentType("application/json")
                .body(productJson(unique("P"), 90))
                .when()
                .post("/api/v1/products")
                .then()
                .statusCode(403);
    }
}
