package com.oncopay.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The demo data set works on any day: its dates are placed relative to the day the engine starts (issue 16). */
@QuarkusTest
class DemoPlacementTest {
    static final LocalDate WRITTEN_FOR = LocalDate.parse("2026-11-23");

    @Inject
    DemoData demo;

    @Inject
    Clock clock;

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin()));
    }

    @Test
    void started_years_later_the_demo_members_are_covered_and_back_again() throws Exception {
        LocalDate later = LocalDate.parse("2031-03-01");
        String eligibility = "/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=" + later;
        admin().when()
                .get(eligibility)
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reasons.code", hasItem("NO_POLICY_IN_FORCE"));
        try {
            ((PinnedClock) clock).pinTo(later.atTime(9, 0).toInstant(ZoneOffset.ofHours(8)));
            demo.placeFor(later).await().indefinitely();
            long shift = java.time.temporal.ChronoUnit.DAYS.between(WRITTEN_FOR, later);
            admin().when()
                    .get("/api/v1/policies/DEMO-P-0001")
                    .then()
                    .statusCode(200)
                    .body(
                            "effectiveDate",
                            equalTo(LocalDate.parse("2026-01-01")
                                    .plusDays(shift)
                                    .toString()))
                    .body(
                            "expiryDate",
                            equalTo(LocalDate.parse("2026-12-31")
                                    .plusDays(shift)
                                    .toString()));
            admin().when().get(eligibility).then().statusCode(200).body("eligible", equalTo(true));
            // placing again on the same day moves nothing
            demo.placeFor(later).await().indefinitely();
            admin().when()
                    .get("/api/v1/policies/DEMO-P-0001")
                    .then()
                    .statusCode(200)
                    .body(
                            "effectiveDate",
                            equalTo(LocalDate.parse("2026-01-01")
                                    .plusDays(shift)
                                    .toString()));
        } finally {
            ((PinnedClock) clock)
                    .pinTo(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant());
            demo.placeFor(WRITTEN_FOR).await().indefinitely();
        }
        admin().when()
                .get("/api/v1/policies/DEMO-P-0001")
                .then()
                .statusCode(200)
                .body("effectiveDate", equalTo("2026-01-01"));
        admin().when()
                .get("/api/v1/members/DEMO-M001/eligibility?drugId=D001&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true));
    }
}
