package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.EngineHttp;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input is never a 500: each kind gets a 4xx problem+json body with a stable code. */
@QuarkusTest
class ProblemResponsesTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json");
    }

    @Test
    void malformed_json_is_400_MALFORMED_JSON() {
        admin().body("{\"memberId\": \"m-1\", ")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("MALFORMED_JSON"))
                .body("type", equalTo("urn:oncopay:problem:MALFORMED_JSON"))
                .body("detail", not(containsString("Exception")));
    }

    /**
     * Found by RedemptionBodyFuzzTest (its kept input crash-7f12…): NUL bytes before the JSON make Jackson read the
     * body as UTF-32, where its text is no character at all (CharConversionException). It was a 500.
     */
    @Test
    void a_body_that_is_no_text_in_its_detected_encoding_is_400_MALFORMED_JSON() {
        byte[] json = "{\"memberId\":\"m-1\",\"amountFen\":1,\"kind\":\"DISPENSE\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[103 + json.length]; // 103 NUL bytes, as the fuzzer found them
        System.arraycopy(json, 0, body, 103, json.length);
        EngineHttp.Answer a = EngineHttp.post("/api/v1/test-probe", TestTokens.admin(), body, Map.of());
        assertEquals(400, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
        assertEquals("MALFORMED_JSON", a.json().path("code").asText(), a.body());
    }

    @Test
    void an_unknown_field_is_400_naming_it() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":1,\"kind\":\"DISPENSE\",\"isAdmin\":true}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("isAdmin"))
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
        admin().body(
                        "{\"memberId\":\"m-1\",\"amountFen\":1,\"kind\":\"DISPENSE\",\"nested\":{\"packs\":1,\"extra\":2}}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("nested.extra"));
    }

    @Test
    void a_field_given_twice_is_400_naming_it() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":1,\"amountFen\":1000000,\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("amountFen"))
                .body("errors[0].code", equalTo("DUPLICATE_FIELD"));
    }

    @Test
    void an_endpoint_without_a_role_annotation_is_closed() {
        io.restassured.RestAssured.given()
                .when()
                .get("/api/v1/test-probe/unannotated")
                .then()
                .statusCode(401);
        admin().when().get("/api/v1/test-probe/unannotated").then().statusCode(403);
    }

    @Test
    void a_string_where_an_integer_is_expected_is_a_wrong_type() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":\"abc\",\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("amountFen"))
                .body("errors[0].code", equalTo("WRONG_TYPE"));
    }

    @Test
    void a_fractional_fen_amount_is_a_wrong_type_never_truncated() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":1000.5,\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("amountFen"))
                .body("errors[0].code", equalTo("WRONG_TYPE"));
    }

    @Test
    void a_number_given_as_a_string_is_not_coerced() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":\"100\",\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("WRONG_TYPE"));
    }

    @Test
    void an_unknown_enum_value_lists_the_allowed_values() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":100,\"kind\":\"REFUND\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].code", equalTo("UNKNOWN_VALUE"))
                .body("errors[0].message", containsString("DISPENSE"));
    }

    @Test
    void missing_fields_are_all_listed_in_errors() {
        admin().body("{\"nested\":{}}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("VALIDATION_FAILED"))
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder("amountFen", "kind", "memberId", "nested.packs"))
                .body("errors.code", org.hamcrest.Matchers.everyItem(equalTo("REQUIRED")));
    }

    @Test
    void an_absurd_amount_is_out_of_range() {
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":1000000000001,\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("OUT_OF_RANGE"));
        admin().body("{\"memberId\":\"m-1\",\"amountFen\":-1,\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("OUT_OF_RANGE"));
    }

    @Test
    void an_empty_body_is_a_4xx_problem() {
        admin().body("")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void a_body_over_one_mebibyte_is_413_with_a_problem_body() {
        String big = "{\"memberId\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"amountFen\":1,\"kind\":\"DISPENSE\"}";
        admin().body(big)
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("BODY_TOO_LARGE"));
    }

    @Test
    void messages_are_english_with_accept_language_en() {
        admin().header("Accept-Language", "en-GB,en;q=0.9")
                .body("{")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .header("Content-Language", "en")
                .body("title", equalTo("Malformed JSON"));
        admin().body("{")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("title", equalTo("JSON 格式错误"));
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        admin().when()
                .get("/api/v1/no-such-thing")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void a_wrong_media_type_is_415() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("text/plain")
                .body("hello")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void a_wrong_method_is_405() {
        admin().when().delete("/api/v1/me").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void field_errors_are_listed_with_english_messages_too() {
        admin().header("Accept-Language", "en")
                .body("{}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(400)
                .body("errors.message", hasItem("Required field missing"));
    }
}
