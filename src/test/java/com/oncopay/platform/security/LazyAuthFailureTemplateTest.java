package com.oncopay.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * #22: the endpoint template for metrics is worked out only when authentication fails
 * ({@link LazyAuthFailureTemplate}). Its filter must run before Quarkus REST's own at the same priority, and a
 * failed authentication must still be answered by the exception mappers and counted under the template.
 */
@QuarkusTest
class LazyAuthFailureTemplateTest {

    @Test
    void an_authenticated_request_carries_the_lazy_handler_not_the_one_that_names_the_template_up_front() {
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/test-probe/auth-failure-handler")
                .then()
                .statusCode(200)
                .body(equalTo(LazyAuthFailureTemplate.FailWithTemplate.class.getName()));
    }

    @Test
    void a_failed_authentication_is_a_401_problem_counted_under_the_endpoint_template() {
        for (String member : new String[] {"LAZY-T-1", "LAZY-T-2"})
            given().header("Authorization", "Bearer not-a-token")
                    .when()
                    .get("/api/v1/members/" + member + "/eligibility?drugId=D001")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        String metrics = Fixtures.metrics();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("http_server_requests_seconds_count")
                                && l.contains("uri=\"/members/{memberId}/eligibility\"")
                                && l.contains("status=\"401\"")),
                () -> "401s counted under the template: "
                        + metrics.lines()
                                .filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("401"))
                                .toList());
        assertFalse(metrics.contains("LAZY-T-1"), "no time series per member id");
    }
}
