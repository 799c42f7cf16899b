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
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1) // test profiles restart the application: they run after all default-profile classes
@TestProfile(RateLimitTest.FivePerMinute.class)
class RateLimitTest {

    public static class FivePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oncopay.rate-limit.requests-per-window", "5", "oncopay.rate-limit.window", "60S");
        }
    }

    @Test
    void the_sixth_request_in_a_window_gets_429_with_retry_after_and_other_callers_are_unaffected() {
        String caller = TestTokens.bearer(TestTokens.member("m-" + UUID.randomUUID()));
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", caller).when().get("/api/v1/me").then().statusCode(200);
        }
        String retryAfter = given().header("Authorization", caller).when().get("/api/v1/me").then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("RATE_LIMITED"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After within the window: " + seconds);

        String other = TestTokens.bearer(TestTokens.member("m-" + UUID.randomUUID()));
        given().header("Authorization", other).when().get("/api/v1/me").then().statusCode(200);
    }
}
