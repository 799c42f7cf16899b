package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * #22: the hot writes take the database pool once per request. A request that reads, decides and then writes on two
 * pooled connections waits in the pool's queue twice, and under load its second turn queues behind newer requests'
 * first turns (the pool serves in arrival order): its lookup is wasted when its transaction then times out. Counted
 * through the per-route meter {@code oncopay_db_pool_turns} over the real HTTP API and PostgreSQL; each figure is what
 * one request added to the meter's sum.
 */
@QuarkusTest
class PoolTurnsPerRequestTest {
    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /**
     * The meter's count and sum for one route, from the exposition (0, 0 before its first request); a sample may
     * carry an exemplar (OpenMetrics, {@code # {span_id=...}}).
     */
    private static long[] turns(String route) {
        String text = Fixtures.metrics();
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            Matcher m = Pattern.compile("(?m)^oncopay_db_pool_turns_" + (i == 0 ? "count" : "sum") + "\\{[^}]*route=\""
                            + Pattern.quote(route) + "\"[^}]*} ([0-9.E+-]+)( #.*)?$")
                    .matcher(text);
            if (m.find()) out[i] = (long) Double.parseDouble(m.group(1));
        }
        return out;
    }

    /** Runs {@code request} and answers how many pool turns it took, as the route's meter counted them. */
    private static long turnsOf(String route, Runnable request) {
        long[] before = turns(route);
        request.run();
        long[] after = turns(route);
        assertEquals(1, after[0] - before[0], route + " counted one request");
        return after[1] - before[1];
    }

    @Test
    void submission_choice_and_redemption_each_take_one_pooled_connection_refusals_included() {
        var m = Fixtures.member("DEMO-GOLD", "1971-04-02", false, "C34.9", "2026-05-01");
        String[] prescription = new String[1];
        long submit = turnsOf(
                "PrescriptionResource.submit",
                () -> prescription[0] = as(TestTokens.member(m.memberId()))
                        .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                        .when()
                        .post("/api/v1/prescriptions")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("APPROVED"))
                        .extract()
                        .path("prescriptionId"));
        assertEquals(1, submit, "a submission reads and writes on one connection");

        String[] code = new String[1];
        long choose = turnsOf(
                "FulfilmentResource.choose",
                () -> code[0] = as(TestTokens.member(m.memberId()))
                        .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                        .when()
                        .post("/api/v1/prescriptions/" + prescription[0] + "/fulfilment")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("pickupCode"));
        assertEquals(1, choose, "a fulfilment choice reads its facts and writes on one connection");

        String body = "{\"pickupCode\":\"%s\",\"idNumber\":\"%s\",\"prescriptionCollected\":true,"
                + "\"socialInsurancePaidFen\":0}";
        // the drugs' names are read once per catalog version, on the first look at a code after a start (the preview)
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pickupCode\":\"" + code[0] + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(200);
        // a wrong identity number is counted against the code in a transaction of its own: on the lookup's connection
        long refused = turnsOf(
                "FulfilmentResource.redeem",
                () -> as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body(body.formatted(code[0], Fixtures.residentId("1971-04-02", 999)))
                        .when()
                        .post("/api/v1/pharmacy/redemptions")
                        .then()
                        .statusCode(422)
                        .body("code", equalTo("IDENTITY_MISMATCH")));
        assertEquals(1, refused, "a refused redemption counts the failure on the lookup's connection");

        long redeemed = turnsOf(
                "FulfilmentResource.redeem",
                () -> as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body(body.formatted(code[0], m.idNumber()))
                        .when()
                        .post("/api/v1/pharmacy/redemptions")
                        .then()
                        .statusCode(200)
                        .body("money.insurerPaysFen", org.hamcrest.Matchers.greaterThan(0)));
        assertEquals(1, redeemed, "a redemption looks its code up and settles on one connection");

        // the code's second use: refused on the lookup, which took the one turn
        long again = turnsOf(
                "FulfilmentResource.redeem",
                () -> as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body(body.formatted(code[0], m.idNumber()))
                        .when()
                        .post("/api/v1/pharmacy/redemptions")
                        .then()
                        .statusCode(409));
        assertEquals(1, again);
    }
}
