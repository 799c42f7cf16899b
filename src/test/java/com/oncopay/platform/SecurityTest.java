package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static void expectUnauthenticated(String authorization) {
        var spec = given();
        if (authorization != null) spec.header("Authorization", authorization);
        spec.when()
                .get("/api/v1/me")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("status", equalTo(401))
                .body("title", equalTo("未认证"));
    }

    @Test
    void a_request_without_a_token_gets_401_with_a_problem_body() {
        expectUnauthenticated(null);
    }

    @Test
    void an_expired_token_gets_401() {
        String expired = TestTokens.builder("ADMIN", "admin-1")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
        expectUnauthenticated(TestTokens.bearer(expired));
    }

    @Test
    void a_token_signed_with_another_key_gets_401() throws Exception {
        var gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String forged = TestTokens.builder("ADMIN", "admin-1")
                .jws()
                .sign(gen.generateKeyPair().getPrivate());
        expectUnauthenticated(TestTokens.bearer(forged));
    }

    @Test
    void a_tampered_token_gets_401() {
        String[] parts = TestTokens.member("m-1").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"MEMBER\"", "\"ADMIN\"");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        expectUnauthenticated(TestTokens.bearer(tampered));
    }

    @Test
    void an_unsigned_alg_none_token_gets_401() {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = TestTokens.admin().split("\\.");
        expectUnauthenticated(TestTokens.bearer(header + "." + parts[1] + "."));
    }

    @Test
    void a_token_from_another_issuer_gets_401() {
        String other = Jwt.issuer("https://evil.example")
                .subject("admin-1")
                .groups("ADMIN")
                .sign();
        expectUnauthenticated(TestTokens.bearer(other));
    }

    @Test
    void a_token_for_another_audience_or_none_gets_401() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200);
        expectUnauthenticated(TestTokens.bearer(TestTokens.builder("ADMIN", "admin-1")
                .audience("another-service")
                .sign()));
        expectUnauthenticated(TestTokens.bearer(Jwt.issuer(TestTokens.ISSUER)
                .subject("admin-1")
                .upn("admin-1")
                .groups("ADMIN")
                .expiresIn(java.time.Duration.ofMinutes(5))
                .sign()));
    }

    @Test
    void a_token_that_lasts_ten_years_gets_401() {
        expectUnauthenticated(TestTokens.bearer(TestTokens.builder("ADMIN", "admin-1")
                .expiresIn(java.time.Duration.ofDays(3650))
                .sign()));
        // the longest allowed is 8 hours
        given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.builder("ADMIN", "admin-1")
                                .expiresIn(java.time.Duration.ofHours(8))
                                .sign()))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200);
    }

    @Test
    void a_token_issued_in_the_future_gets_401() {
        java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofHours(1));
        expectUnauthenticated(TestTokens.bearer(TestTokens.builder("ADMIN", "admin-1")
                .issuedAt(later)
                .expiresAt(later.plusSeconds(600))
                .sign()));
        java.time.Instant skew = java.time.Instant.now().plusSeconds(30); // within the allowed clock skew
        given().header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.builder("ADMIN", "admin-1")
                                .issuedAt(skew)
                                .expiresAt(skew.plusSeconds(600))
                                .sign()))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200);
    }

    @Test
    void garbage_in_the_authorization_header_gets_401() {
        expectUnauthenticated("Bearer not-a-jwt");
    }

    @Test
    void a_valid_token_is_read_with_its_role_and_scoping_claim() {
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy("PH-001")))
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("subject", equalTo("PH-001"))
                .body("roles", containsInAnyOrder("PHARMACY"))
                .body("pharmacyId", equalTo("PH-001"));
    }

    @Test
    void a_wrong_role_gets_403_with_a_problem_body() {
        given().header("Authorization", TestTokens.bearer(TestTokens.member("m-1")))
                .contentType("application/json")
                .body("{\"memberId\":\"m-1\",\"amountFen\":1,\"kind\":\"DISPENSE\"}")
                .when()
                .post("/api/v1/test-probe")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void a_member_asking_for_another_members_object_gets_404_not_403() {
        given().header("Authorization", TestTokens.bearer(TestTokens.member("m-1")))
                .when()
                .get("/api/v1/test-probe/members/m-2")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().header("Authorization", TestTokens.bearer(TestTokens.member("m-1")))
                .when()
                .get("/api/v1/test-probe/members/m-1")
                .then()
                .statusCode(200)
                .body("memberId", equalTo("m-1"));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/test-probe/members/m-2")
                .then()
                .statusCode(200);
    }
}
