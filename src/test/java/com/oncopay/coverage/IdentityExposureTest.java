package com.oncopay.coverage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.coverage.domain.IdCandidates;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No response of any role narrows a member's identity number to fewer than a million candidates (issue 17). */
@QuarkusTest
class IdentityExposureTest {
    static final long MILLION = 1_000_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RESIDENT_ID, ",
        "HK_MACAO_PERMIT, H12345678",
        "TAIWAN_PERMIT, 12345678",
        "PASSPORT, E12345678",
        "FOREIGN_PERMANENT_RESIDENT, USA123456789012"
    })
    void every_role_sees_too_little_to_narrow_the_number(String type, String other) {
        String memberId = Fixtures.unique("M"), policy = Fixtures.unique("POL");
        String id = other == null ? Fixtures.residentId("1968-04-12", 31) : other;
        String created = given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json")
                .body("""
                        {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"测试会员","idType":"%s",
                         "idNumber":"%s","birthDate":"1968-04-12","mainlandCitizen":%s,"socialInsurance":true},
                         "effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(policy, memberId, type, id, type.equals("RESIDENT_ID")))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        List<String> responses = List.of(
                created,
                given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                        .when()
                        .get("/api/v1/policies/" + policy)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                        .when()
                        .get("/api/v1/policies/" + policy)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        for (String body : responses) {
            JsonPath json = JsonPath.from(body);
            String masked = json.getString("member.idNumber");
            String birth = json.getString("member.birthDate");
            assertFalse(body.contains(id), "never the number in clear");
            long candidates = IdCandidates.count(type, masked, birth == null ? null : LocalDate.parse(birth), MILLION);
            assertTrue(candidates >= MILLION, body + " leaves " + candidates + " candidates");
        }
    }
}
