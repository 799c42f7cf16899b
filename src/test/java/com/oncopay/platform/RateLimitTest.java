package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@org.junit.jupiter.api.Order(
        Integer.MAX_VALUE - 1) // test profiles restart the application: they run after all default-profile classes
@TestProfile(RateLimitTest.FivePerMinute.class)
class RateLimitTest {
    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    public static class FivePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oncopay.rate-limit.requests-per-window",
                    "5",
                    "oncopay.rate-limit.window",
                    "60S",
                    "oncopay.rate-limit.identity-checks-per-minute",
                    "3",
                    "oncopay.rate-limit.public-catalog-requests-per-window",
                    "3",
                    "oncopay.rate-limit.public-catalog-window",
                    "60S");
        }
    }

    @Test
    void the_sixth_request_in_a_window_gets_429_with_retry_after_and_other_callers_are_unaffected() {
        String caller = TestTokens.bearer(TestTokens.member("m-" + UUID.randomUUID()));
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", caller)
                    .when()
                    .get("/api/v1/me")
                    .then()
                    .statusCode(200);
        }
        String retryAfter = given().header("Authorization", caller)
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("RATE_LIMITED"))
                .extract()
                .header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After within the window: " + seconds);

        String other = TestTokens.bearer(TestTokens.member("m-" + UUID.randomUUID()));
        given().header("Authorization", other).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void identity_checking_requests_have_a_tighter_limit_of_their_own() {
        String pharmacy = TestTokens.bearer(
                TestTokens.pharmacy("PH-" + UUID.randomUUID().toString().substring(0, 8)));
        String body = "{\"pickupCode\":\"AAAA-AAAA-AAAA-A\",\"socialInsurancePaidFen\":0}";
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", pharmacy)
                    .contentType("application/json")
                    .body(body)
                    .when()
                    .post("/api/v1/pharmacy/redemptions/preview")
                    .then()
                    .statusCode(org.hamcrest.Matchers.not(429));
        }
        given().header("Authorization", pharmacy)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .body("title", equalTo("请求过于频繁"));
        // in the caller's language when it asks for one
        given().header("Authorization", pharmacy)
                .header("Accept-Language", "fr-FR,en;q=0.8,zh;q=0.5")
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(429)
                .body("title", equalTo("Too many requests"));
    }

    @Test
    void a_forwarded_address_from_an_untrusted_peer_does_not_make_a_new_caller() {
        var keys = redis.key();
        keys.keys("rl:ip:*").forEach(keys::del); // anonymous callers share their address's window: start it empty
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", "203.0.113." + i)
                    .when()
                    .get("/api/v1/ping")
                    .then()
                    .statusCode(200);
        }
        given().header("X-Forwarded-For", "198.51.100.7")
                .when()
                .get("/api/v1/ping")
                .then()
                .statusCode(429);
    }

    @Test
    void anonymous_reads_of_the_public_drug_list_have_a_per_address_limit_and_signed_in_callers_do_not_count() {
        var keys = redis.key();
        keys.keys("rl:ip:*").forEach(keys::del);
        keys.keys("rl-pub:*").forEach(keys::del);
        given().when().get("/api/v1/drugs?q=krd").then().statusCode(200);
        given().when().get("/api/v1/drugs/D001").then().statusCode(200);
        given().when().get("/api/v1/drugs/2").then().statusCode(200);
        String retryAfter = given().when()
                .get("/api/v1/drugs/D001")
                .then()
                .statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .extract()
                .header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After within the window: " + seconds);
        // the general limit (5) is not what refused it: the same address may still call another public endpoint
        given().when().get("/api/v1/ping").then().statusCode(200);
        // a caller with a token reads the list as before, whatever the address's anonymous count
        String signedIn = TestTokens.bearer(TestTokens.member("m-" + UUID.randomUUID()));
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", signedIn)
                    .when()
                    .get("/api/v1/drugs/D001")
                    .then()
                    .statusCode(200)
                    .body("moleculeKey", equalTo("pembrolizumab"));
        }
    }
}
