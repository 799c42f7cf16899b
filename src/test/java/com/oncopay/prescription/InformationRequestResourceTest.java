package com.oncopay.prescription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 item 3: a reviewer's request for information is answered by the member (back to the queue, a new
 * review due date, what changed shown to the reviewer) or, left unanswered past its business days, expires.
 */
@QuarkusTest
class InformationRequestResourceTest {
    static final Instant PINNED =
            OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant();

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    InformationRequests requests;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void backToThePinnedDay() {
        ((PinnedClock) clock).pinTo(PINNED);
    }

    void pinTo(String at) {
        ((PinnedClock) clock).pinTo(OffsetDateTime.parse(at).toInstant());
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /** A CAR-T prescription without clinical facts (queued), on which a reviewer asks for information. */
    String askedForInformation(String memberId) {
        String id = as(TestTokens.member(memberId))
                .body("""
                        {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C83.3"}""".formatted(memberId))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("missingFacts", hasItems("priorLines", "diseaseStatus"))
                .extract()
                .path("prescriptionId");
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REQUEST_INFO\",\"note\":\"请补充既往治疗线数和疾病状态\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("INFO_REQUESTED"))
                .body("infoDueOn", equalTo("2026-12-07")); // 10 business days after Monday 23 Nov
        return id;
    }

    static final String ANSWER = """
            {"clinical":{"priorLines":2,"diseaseStatus":"RELAPSED","monthsToRelapse":6},
             "documents":["PATHOLOGY_REPORT","MEDICAL_RECORD_FIRST_DIAGNOSIS"]}""";

    @Test
    void the_member_answers_and_the_prescription_is_back_in_the_queue_with_a_new_due_date_and_what_changed() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        var other = Fixtures.member("DEMO-GOLD", "1971-04-02", true, "C83.3", "2026-05-01");
        String id = askedForInformation(m.memberId());

        // someone else's prescription does not exist for them
        as(TestTokens.member(other.memberId()))
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(404);
        as(TestTokens.reviewer())
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(403);
        as(TestTokens.member(m.memberId()))
                .body("{\"documents\":[\"X_RAY\"]}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(400);

        pinTo("2026-11-27T16:00:00+08:00"); // answered on a Friday: due the end of Monday
        as(TestTokens.member(m.memberId()))
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("reviewDueBy", equalTo("2026-11-30T23:59:59+08:00"))
                .body("infoDueOn", nullValue())
                .body("missingFacts", not(hasItem("priorLines")))
                .body("missingFacts", not(hasItem("diseaseStatus")))
                .body("informationSupplied[0].at", equalTo("2026-11-27T16:00:00+08:00"))
                .body("informationSupplied[0].byRole", equalTo("MEMBER"))
                .body(
                        "informationSupplied[0].clinicalFields",
                        contains("priorLines", "diseaseStatus", "monthsToRelapse"))
                .body(
                        "informationSupplied[0].documents",
                        contains("PATHOLOGY_REPORT", "MEDICAL_RECORD_FIRST_DIAGNOSIS"));

        // the reviewer sees it in the queue, with what changed
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/reviews/queue?size=200")
                .then()
                .statusCode(200)
                .body("items.find { it.prescriptionId == '" + id + "' }.status", equalTo("PENDING_REVIEW"))
                .body(
                        "items.find { it.prescriptionId == '" + id + "' }.informationSupplied[0].documents",
                        hasItem("PATHOLOGY_REPORT"));

        // answered once: not waiting for information any more
        as(TestTokens.member(m.memberId()))
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        assertEquals(1, count("PRESCRIPTION_INFORMATION_SUPPLIED", id));

        // the clinical values are stored encrypted, never in the list the reviewer sees
        String view = as(TestTokens.reviewer())
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(view.contains("RELAPSED"), view);

        // an administrator may answer for the member too, after a second request
        as(TestTokens.reviewer())
                .body("{\"decision\":\"REQUEST_INFO\"}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/review")
                .then()
                .statusCode(200)
                .body("infoDueOn", equalTo("2026-12-11"));
        as(TestTokens.admin())
                .body("{\"documents\":[\"LAB_REPORT\"]}")
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("informationSupplied.byRole", contains("MEMBER", "ADMIN"));
    }

    @Test
    void an_unanswered_request_expires_after_its_business_days_and_closes_the_prescription() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String id = askedForInformation(m.memberId());

        pinTo("2026-12-07T23:00:00+08:00"); // day N: still open
        requests.expireUnanswered().await().indefinitely();
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("INFO_REQUESTED"));

        pinTo("2026-12-08T00:30:00+08:00"); // day N+1: closed, once, however often the job runs
        requests.expireUnanswered().await().indefinitely();
        requests.expireUnanswered().await().indefinitely();
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reasons.code", contains("INFO_REQUEST_EXPIRED"))
                .body("decidedAt", equalTo("2026-12-08T00:30:00+08:00"));
        assertEquals(1, count("PRESCRIPTION_INFO_REQUEST_EXPIRED", id));

        as(TestTokens.member(m.memberId()))
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
    }

    @Test
    void a_prescription_not_waiting_for_information_cannot_be_answered() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01");
        String id = as(TestTokens.member(m.memberId()))
                .body("""
                        {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"2026-11-23",
                         "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C83.3"}""".formatted(m.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        as(TestTokens.member(m.memberId()))
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + id + "/information")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        as(TestTokens.admin())
                .body(ANSWER)
                .when()
                .post("/api/v1/prescriptions/" + UUID.randomUUID() + "/information")
                .then()
                .statusCode(404);
    }

    private long count(String action, String id) {
        return pool.preparedQuery("select count(*) from audit_log where action = $1 and object_id = $2")
                .execute(Tuple.of(action, id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}
