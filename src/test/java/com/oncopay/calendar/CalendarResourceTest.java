package com.oncopay.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.calendar.domain.Calendars;
import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Business-day calendars loaded at run time, provisional years, and what operators see (issue 16). */
@QuarkusTest
class CalendarResourceTest {
    static final Instant PINNED =
            OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();
    /** A made-up notice for 2027 (the real one is not in this repository): 1-5 January off, Saturday 9 January worked. */
    static final String NOTICE_2027 = """
            # notice: 测试用 2027 年节假日安排
            # notice-date: 2026-11-20
            date\tkind\tnote
            2027-01-01\tHOLIDAY\t元旦
            2027-01-04\tHOLIDAY\t测试假日
            2027-01-05\tHOLIDAY\t测试假日
            2027-01-09\tWORKDAY\t测试调休 (Saturday)
            """;

    static final String AUDITED_2027 =
            "select count(*) from audit_log where object_type = 'calendar_year' and object_id = '2027' and action = 'CALENDAR_YEAR_LOADED'";

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    @Inject
    CalendarRegistry registry;

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void backToThePinnedDayAndThePackagedYears() {
        ((PinnedClock) clock).pinTo(PINNED);
        pool.query("delete from calendar_year where year not in (2025, 2026)")
                .execute()
                .await()
                .indefinitely();
        registry.refresh().await().indefinitely();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    static Response put(int year, String tsv) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("text/tab-separated-values; charset=UTF-8")
                .body(tsv)
                .when()
                .put("/api/v1/calendar/" + year);
    }

    void pinTo(String at) {
        ((PinnedClock) clock).pinTo(OffsetDateTime.parse(at).toInstant());
    }

    /** A CAR-T prescription without its clinical facts: always goes to review. */
    static String carTForReview(String memberId, String prescribedOn) {
        return as(TestTokens.member(memberId))
                .body("""
                        {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"%s","prescriberName":"李医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C83.3"}""".formatted(memberId, prescribedOn))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .extract()
                .path("prescriptionId");
    }

    @Test
    void the_packaged_notices_are_official_years_and_2026_is_as_published() throws Exception {
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar")
                .then()
                .statusCode(200)
                .body("items.year", equalTo(List.of(2025, 2026, 2027)))
                .body("items.status", equalTo(List.of("OFFICIAL", "OFFICIAL", "PROVISIONAL")))
                .body("items[1].notice.title", equalTo("国务院办公厅关于2026年部分节假日安排的通知"))
                .body("items[1].notice.publishedOn", equalTo("2025-11-04"))
                .body("total", equalTo(3));
        var packaged = Calendars.packaged(2026);
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar/2026")
                .then()
                .statusCode(200)
                .body("status", equalTo("OFFICIAL"))
                .body(
                        "holidays",
                        equalTo(packaged.holidays().stream()
                                .map(LocalDate::toString)
                                .toList()))
                .body(
                        "workdays",
                        equalTo(List.of(
                                "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")))
                .body("days.find { it.date == '2026-10-01' }.note", equalTo("国庆节"));
        assertTrue(Files.readString(Path.of("src/main/resources/calendar/CN-2026.tsv"))
                .contains("2026-10-10\tWORKDAY"));
        as(TestTokens.reviewer()).when().get("/api/v1/calendar").then().statusCode(403);
        as(TestTokens.reviewer()).when().get("/api/v1/calendar/2026").then().statusCode(403);
        given().contentType("text/tab-separated-values")
                .body(NOTICE_2027)
                .when()
                .put("/api/v1/calendar/2027")
                .then()
                .statusCode(401);
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar/1899")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
    }

    @Test
    void a_year_without_a_notice_is_provisional_with_the_statutory_holidays_even_in_2031() {
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar/2031")
                .then()
                .statusCode(200)
                .body("status", equalTo("PROVISIONAL"))
                .body("notice", equalTo(null))
                .body(
                        "holidays",
                        hasItems("2031-01-01", "2031-01-22", "2031-04-05", "2031-05-01", "2031-05-02", "2031-10-01"))
                .body("holidays", hasSize(12)) // 中秋 is on 1 October 2031
                .body("workdays", hasSize(0));
    }

    @Test
    void a_submission_on_2026_12_20_is_due_in_january_marked_provisional_and_loading_2027_recounts_open_items_only() {
        pinTo("2026-12-20T10:00:00+08:00"); // a Sunday
        var open = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        var closed = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String openId = carTForReview(open.memberId(), "2026-12-20");
        String closedId = carTForReview(closed.memberId(), "2026-12-20");
        as(TestTokens.member(open.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + openId)
                .then()
                .statusCode(200)
                .body("reviewDueBy", equalTo("2026-12-21T23:59:59+08:00"))
                .body(
                        "investigationDueBy",
                        equalTo("2027-01-11T23:59:59+08:00")) // 9 days in December, 元旦 (provisional), 6 in January
                .body("calendarProvisional", equalTo(true));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/reviews/queue?size=200")
                .then()
                .statusCode(200)
                .body("items.find { it.prescriptionId == '" + openId + "' }.calendarProvisional", equalTo(true));
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REJECT\",\"reasonCode\":\"INDICATION_NOT_MET\"}")
                .when()
                .post("/api/v1/prescriptions/" + closedId + "/review")
                .then()
                .statusCode(200);
        // #20: an item whose request for information was answered on 31 December is due for review from the answer
        var answered = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String answeredId = carTForReview(answered.memberId(), "2026-12-20");
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REQUEST_INFO\"}")
                .when()
                .post("/api/v1/prescriptions/" + answeredId + "/review")
                .then()
                .statusCode(200);
        pinTo("2026-12-31T10:00:00+08:00");
        as(TestTokens.member(answered.memberId()))
                .body("{\"documents\":[\"PATHOLOGY_REPORT\"]}")
                .when()
                .post("/api/v1/prescriptions/" + answeredId + "/information")
                .then()
                .statusCode(200)
                .body("reviewDueBy", equalTo("2027-01-04T23:59:59+08:00")) // 元旦 (provisional) and a weekend
                .body("calendarProvisional", equalTo(true));
        pinTo("2026-12-20T10:00:00+08:00");

        long audited = count(AUDITED_2027);
        put(2027, NOTICE_2027)
                .then()
                .statusCode(200)
                .body("year", equalTo(2027))
                .body("status", equalTo("OFFICIAL"))
                .body("outcome", equalTo("CREATED"))
                .body("holidays", equalTo(List.of("2027-01-01", "2027-01-04", "2027-01-05")))
                .body("workdays", equalTo(List.of("2027-01-09")))
                .body("notice.title", equalTo("测试用 2027 年节假日安排"))
                .body("recomputed.prescriptions", equalTo(2));
        // counted again from the answer, not from the receipt: 4-5 January off
        as(TestTokens.member(answered.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + answeredId)
                .then()
                .statusCode(200)
                .body("reviewDueBy", equalTo("2027-01-06T23:59:59+08:00"))
                .body("calendarProvisional", equalTo(false));

        // the open item is counted again on the notice: 4-5 January off, Saturday 9 January worked
        as(TestTokens.member(open.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + openId)
                .then()
                .statusCode(200)
                .body("investigationDueBy", equalTo("2027-01-12T23:59:59+08:00"))
                .body("calendarProvisional", equalTo(false));
        // a decided item keeps the date it was decided with
        as(TestTokens.member(closed.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + closedId)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("investigationDueBy", equalTo("2027-01-11T23:59:59+08:00"))
                .body("calendarProvisional", equalTo(true));
        // and the next computation uses the notice
        var next = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String nextId = carTForReview(next.memberId(), "2026-12-20");
        as(TestTokens.member(next.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + nextId)
                .then()
                .statusCode(200)
                .body("investigationDueBy", equalTo("2027-01-12T23:59:59+08:00"))
                .body("calendarProvisional", equalTo(false));

        // loading is idempotent: the same file again changes nothing and audits nothing
        put(2027, NOTICE_2027).then().statusCode(200).body("outcome", equalTo("UNCHANGED"));
        assertEquals(audited + 1, count(AUDITED_2027), "one audit row, for the load that changed something");
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar")
                .then()
                .statusCode(200)
                .body("items.find { it.year == 2027 }.status", equalTo("OFFICIAL"));
    }

    @Test
    void an_other_city_delivery_promised_on_provisional_days_is_marked_and_recounted_when_the_notice_comes() {
        pinTo("2026-12-28T10:00:00+08:00"); // a Monday
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String p = as(TestTokens.member(m.memberId()))
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-12-28","prescriberName":"李医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
        String f = as(TestTokens.member(m.memberId()))
                .body("""
                        {"mode":"DELIVERY","pharmacyCode":"DEMO-PH-BJ-01","address":{"province":"上海","city":"上海","district":"浦东新区",
                         "line":"某路1号","phone":"13800000000"}}""")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment")
                .then()
                .statusCode(201)
                .body("promisedBy", equalTo("2027-01-05T23:59:59+08:00")) // 29, 30, 31 December, (元旦), 4 and 5 January
                .body("calendarProvisional", equalTo(true))
                .extract()
                .path("fulfilmentId");

        put(2027, NOTICE_2027).then().statusCode(200).body("recomputed.deliveries", equalTo(1));

        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/fulfilments")
                .then()
                .statusCode(200)
                .body("items.find { it.fulfilmentId == '" + f + "' }.promisedBy", equalTo("2027-01-07T23:59:59+08:00"))
                .body("items.find { it.fulfilmentId == '" + f + "' }.calendarProvisional", equalTo(false));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/deliveries?size=200")
                .then()
                .statusCode(200)
                .body("items.find { it.fulfilmentId == '" + f + "' }.calendarProvisional", equalTo(false));
    }

    @Test
    void a_submission_in_2031_works_on_the_provisional_calendar() {
        pinTo("2031-09-30T10:00:00+08:00"); // a Tuesday, before 国庆 and 中秋 on 1 October
        String memberId = Fixtures.unique("M");
        as(TestTokens.admin())
                .body("""
                        {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"测试会员","idType":"RESIDENT_ID",
                         "idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,"socialInsurance":true},
                         "effectiveDate":"2031-01-01","expiryDate":"2031-12-31"}""".formatted(
                                Fixtures.unique("POL"),
                                memberId,
                                Fixtures.residentId("1970-03-01", 100 + (int) (Math.random() * 800))))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201);
        as(TestTokens.admin())
                .body(
                        "{\"icd10\":\"C83.3\",\"diagnosedOn\":\"2031-05-01\",\"hospitalCode\":\"DEMO-H-BJ-01\",\"specialist\":true,\"firstEver\":true}")
                .when()
                .post("/api/v1/members/" + memberId + "/diagnoses")
                .then()
                .statusCode(201);
        String id = carTForReview(memberId, "2031-09-30");
        as(TestTokens.member(memberId))
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("reviewDueBy", equalTo("2031-10-06T23:59:59+08:00"))
                .body("calendarProvisional", equalTo(true));
    }

    @Test
    void a_malformed_upload_is_400_with_line_numbers_and_the_stored_year_stays_as_it_was() {
        String before = as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar/2026")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        put(
                        2026,
                        "date\tkind\tnote\n2026-01-01\tHOLIDAY\t元旦\n2026-02-30\tHOLIDAY\tx\n2026-03-03\tWORKDAY\tx\n2027-01-01\tHOLIDAY\tx\n")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("CALENDAR_MALFORMED"))
                .body("errors.field", equalTo(List.of("line 3", "line 4", "line 5")))
                .body("errors[2].message", containsString("not in 2026"));
        assertEquals(
                before,
                as(TestTokens.admin())
                        .when()
                        .get("/api/v1/calendar/2026")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        put(2028, "2028-01-01\tHOLIDAY").then().statusCode(200); // two columns: a note is optional
        put(2029, "").then().statusCode(400).body("code", equalTo("CALENDAR_MALFORMED"));
        as(TestTokens.admin())
                .when()
                .get("/api/v1/calendar/2029")
                .then()
                .statusCode(200)
                .body("status", equalTo("PROVISIONAL"));
        assertEquals(0L, count("select count(*) from calendar_year where year = 2029"));
    }

    @Test
    void a_year_loaded_by_another_replica_is_used_here_within_seconds_of_its_nudge() throws Exception {
        pool.withTransaction(tx -> tx.query(
                                "insert into calendar_year (year, notice_title, source_tsv, source_sha256, loaded_by) "
                                        + "values (2030, '另一副本载入', '2030-01-01\tHOLIDAY\t元旦', 'x', 'replica-2')")
                        .execute()
                        .flatMap(x -> tx.query(
                                        "insert into calendar_day (day, year, kind, note) values ('2030-01-01', 2030, 'HOLIDAY', '元旦')")
                                .execute()))
                .await()
                .indefinitely();
        redis.pubsub(String.class)
                .publish(CalendarRegistry.CHANNEL, "2030")
                .await()
                .indefinitely();
        long deadline = System.nanoTime() + 5_000_000_000L;
        String status = "";
        while (System.nanoTime() < deadline && !"OFFICIAL".equals(status)) {
            status = as(TestTokens.admin())
                    .when()
                    .get("/api/v1/calendar/2030")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            if (!"OFFICIAL".equals(status)) Thread.sleep(100);
        }
        assertEquals("OFFICIAL", status, "the nudge made this replica re-read the calendar");
    }

    @Test
    void operators_see_the_official_calendar_running_out() throws Exception {
        // pinned on 2026-11-23: 38 days to 2026-12-31, under the 60-day warning
        given().when()
                .get("/q/health/well")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'Business-day calendar' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Business-day calendar' }.data.daysLeft", equalTo(38))
                .body("checks.find { it.name == 'Business-day calendar' }.data.officialUntil", equalTo("2026-12-31"));
        given().when().get("/q/health/ready").then().statusCode(200); // readiness does not care: dates stay computable
        assertTrue(Fixtures.metrics().contains("oncopay_calendar_official_until_days 38.0"));
        assertTrue(
                Files.readString(Path.of("target/quarkus-test.log"))
                        .contains("the official holiday notices end 2026-12-31 (38 days left"),
                "a WARN line at start-up");

        put(2027, NOTICE_2027).then().statusCode(200);
        given().when()
                .get("/q/health/well")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Business-day calendar' }.data.daysLeft", equalTo(403));
        assertTrue(Fixtures.metrics().contains("oncopay_calendar_official_until_days 403.0"));
    }

    long count(String sql) {
        return pool.query(sql)
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}
