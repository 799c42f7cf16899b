package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * #23: the counter reverses from a list of its recent redemptions; every list answers {items, page, size, total};
 * query-parameter errors speak Chinese by default, like body errors. Business clock: 2026-11-23 10:00 Beijing.
 */
@QuarkusTest
public class RecentRedemptionsTest {
    private static final String BJ = "DEMO-PH-BJ-01";

    @Inject
    Pool pool;

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /** A pharmacy of this test alone (its list holds only what the test redeems there), with D001 and D037 prices. */
    public static String freshPharmacy() {
        String code = Fixtures.unique("PH-R");
        as(TestTokens.admin())
                .body(
                        "{\"code\":\"" + code
                                + "\",\"name\":\"示例 冲正测试药房\",\"province\":\"北京\",\"city\":\"北京\",\"gspCertified\":true,"
                                + "\"coldChain\":true,\"pharmacistOnSite\":true,\"socialInsuranceSettlement\":true,"
                                + "\"prices\":[{\"drugId\":\"D001\",\"priceFen\":1791800},{\"drugId\":\"D037\",\"priceFen\":289000}]}")
                .when()
                .post("/api/v1/pharmacies")
                .then()
                .statusCode(201);
        return code;
    }

    public static String redeemed(String pharmacy, String drug) {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String p = as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacy + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        return as(TestTokens.pharmacy(pharmacy))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions")
                .then()
                .statusCode(200)
                .extract()
                .path("redemptionId");
    }

    private String line(String redemption) {
        return "items.find { it.redemptionId == '" + redemption + "' }.";
    }

    @Test
    void the_counter_lists_its_redemptions_with_names_money_beijing_times_and_whether_each_can_be_reversed() {
        String ph = freshPharmacy();
        String fresh = redeemed(ph, "D001");
        String old = redeemed(ph, "D037");
        pool.preparedQuery("update dispense set at = '2026-11-15T10:00+08:00' where id = $1")
                .execute(Tuple.of(UUID.fromString(old)))
                .await()
                .indefinitely();
        as(TestTokens.pharmacy(ph))
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions?size=200")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(200))
                .body("total", equalTo(2))
                .body("items.redemptionId", org.hamcrest.Matchers.contains(fresh, old))
                .body(line(fresh) + "brandName", notNullValue())
                .body(line(fresh) + "genericName", notNullValue())
                .body(line(fresh) + "at", endsWith("+08:00"))
                .body(line(fresh) + "reversible", equalTo(true))
                .body(line(fresh) + "reversibleUntil", equalTo("2026-11-30T10:00:00+08:00"))
                .body(line(old) + "reversible", equalTo(false))
                .body(line(old) + "reversed", equalTo(false));
        as(TestTokens.pharmacy(ph))
                .body("{\"reasonCode\":\"RETURNED\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + fresh + "/reversal")
                .then()
                .statusCode(200);
        as(TestTokens.pharmacy(ph))
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions?size=200")
                .then()
                .statusCode(200)
                .body(line(fresh) + "reversed", equalTo(true))
                .body(line(fresh) + "reversible", equalTo(false));
        // another pharmacy does not see the list; a member has no such role; the admin does
        as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions")
                .then()
                .statusCode(404);
        as(TestTokens.member("M-NOBODY"))
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions")
                .then()
                .statusCode(403);
        as(TestTokens.admin())
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions?size=1")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void the_five_former_bare_lists_answer_the_page_shape() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        for (var call : new String[][] {
            {TestTokens.member(m.memberId()), "/api/v1/members/" + m.memberId() + "/fulfilments"},
            {TestTokens.member(m.memberId()), "/api/v1/pharmacies"},
            {TestTokens.reviewer(), "/api/v1/catalog/versions"},
            {TestTokens.coordinator("C-PAGES2"), "/api/v1/aid-programmes"},
            {TestTokens.coordinator("C-PAGES2"), "/api/v1/aid-cases/reminders?within=30d"}
        }) {
            as(call[0])
                    .when()
                    .get(call[1] + (call[1].contains("?") ? "&" : "?") + "size=1")
                    .then()
                    .statusCode(200)
                    .body("items", notNullValue())
                    .body("page", equalTo(0))
                    .body("size", equalTo(1))
                    .body("total", greaterThanOrEqualTo(0));
        }
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/pharmacies?size=1&page=1")
                .then()
                .statusCode(200)
                .body("page", equalTo(1))
                .body("items.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void query_parameter_errors_are_in_chinese_by_default_and_in_english_when_asked() {
        as(TestTokens.pharmacy(BJ))
                .when()
                .get("/api/v1/pharmacies/" + BJ + "/redemptions?size=500")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].code", equalTo("OUT_OF_RANGE"))
                .body("errors[0].message", equalTo("应为 1 到 200 之间的整数"));
        as(TestTokens.pharmacy(BJ))
                .header("Accept-Language", "en")
                .when()
                .get("/api/v1/pharmacies/" + BJ + "/redemptions?size=500")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("between 1 and 200"));
        as(TestTokens.pharmacy(BJ))
                .when()
                .get("/api/v1/pharmacies/" + BJ + "/settlements?from=2026-13-01")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("YYYY-MM-DD"))
                .body("errors[0].message", containsString("应为日期"));
        as(TestTokens.pharmacy(BJ))
                .when()
                .get("/api/v1/pharmacies/" + BJ + "/deliveries?page=x")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("应为整数"));
    }
}
