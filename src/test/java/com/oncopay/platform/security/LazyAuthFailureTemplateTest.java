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

    /**
     * A malformed token on a public read: the rate-limit filter reads the identity, finds the failure, goes on by
     * address, and the resource's own read of the identity fails too. One 401, and nothing writes into the finished
     * response: before the handler stood aside inside Quarkus REST, each such request logged an
     * {@code IllegalStateException: Response has already been written} as an incident.
     */
    @Test
    void a_failed_authentication_inside_rest_is_answered_once() throws InterruptedException {
        java.util.List<java.util.logging.LogRecord> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) errors.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String path : new String[] {
                "/api/v1/drugs", "/api/v1/drugs/D001", "/api/v1/members/LAZY-T-3/eligibility?drugId=D001"
            })
                given().header("Authorization", "Bearer not-a-token")
                        .when()
                        .get(path)
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .body("status", equalTo(401));
            // a second write would come right after the 401 left: a request behind them on the same client, then a
            // moment for the event loops
            given().when().get("/api/v1/ping").then().statusCode(200);
            Thread.sleep(500);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(
                errors.isEmpty(),
                () -> "errors logged: "
                        + errors.stream()
                                .map(r -> r.getLoggerName() + ": " + r.getMessage()
                                        + (r.getThrown() == null ? "" : " " + r.getThrown()))
                                .toList());
    }
}
