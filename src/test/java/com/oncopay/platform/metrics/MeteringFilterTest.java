package com.oncopay.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The cache counters follow the answers' {@code X-Cache} header, each under the cache that answered. */
@QuarkusTest
class MeteringFilterTest {
    @Test
    void a_catalog_read_and_an_eligibility_check_are_each_counted_under_their_own_cache() {
        double catalog = lookups("catalog"), eligibility = lookups("eligibility");
        given().when()
                .get("/api/v1/drugs/D001")
                .then()
                .statusCode(200)
                .header("X-Cache", org.hamcrest.Matchers.notNullValue());
        assertEquals(catalog + 1, lookups("catalog"), "the catalog read");
        assertEquals(eligibility, lookups("eligibility"), "no eligibility check yet");

        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        for (int i = 0; i < 3; i++)
            given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                    .when()
                    .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D002&on=2026-11-23")
                    .then()
                    .statusCode(200);
        assertEquals(eligibility + 3, lookups("eligibility"), "three checks, wherever they were answered from");
        assertEquals(catalog + 1, lookups("catalog"), "the checks are not catalog reads");

        // a refused check carries no X-Cache and is not a lookup
        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility")
                .then()
                .statusCode(400);
        assertEquals(eligibility + 3, lookups("eligibility"));
    }

    /** The sum over the results of one cache's lookups counter. */
    private static double lookups(String cache) {
        return Fixtures.metrics()
                .lines()
                .filter(l -> l.startsWith("oncopay_cache_lookups_total{") && l.contains("cache=\"" + cache + "\""))
                // the value follows the labels; an exemplar may follow it
                .mapToDouble(l -> Double.parseDouble(
                        l.substring(l.indexOf("} ") + 2).strip().split("\\s+")[0]))
                .sum();
    }
}
