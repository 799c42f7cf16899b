package com.oncopay.platform.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.health.WarmUpRequests;
import com.oncopay.platform.security.WarmUpCallers;
import com.oncopay.platform.time.ClockProducer;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * #22: a made-up warm-up caller's write takes a real write's whole path and leaves nothing. A member's submission is
 * decided on rows written for it in its own transaction (member, policy, hospital, diagnosis), approved straight
 * through and stored, answered 201; its choice of a pharmacy issues a pickup code; a pharmacy's redemption of its
 * reserved code splits the money. Then none of it exists: the transaction was never committed, and no money metric
 * counted it. Real requests running at the same time, on the same event loops, commit as ever.
 */
@QuarkusTest
class RehearsalTest {
    @Inject
    WarmUpCallers callers;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    private String body(String memberId, String hospital) {
        LocalDate today = LocalDate.now(clock.withZone(ClockProducer.BUSINESS_ZONE));
        return "{\"memberId\":\"" + memberId
                + "\",\"drugId\":\"D002\",\"packs\":1,\"daysSupply\":21,\"prescribedOn\":\""
                + today + "\",\"prescriberName\":\"预热\",\"hospitalCode\":\"" + hospital
                + "\",\"diagnosisIcd10\":\"C34.9\"}";
    }

    private Response submit(String token, String body) {
        return given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/prescriptions");
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void a_made_up_members_submission_is_decided_and_stored_and_nothing_of_it_is_committed() {
        WarmUpCallers.Callers made = callers.admit(1, 0, Duration.ofMinutes(1));
        try {
            String member = made.memberIds().get(0);
            Response answer = submit(made.memberTokens().get(0), body(member, WarmUpRequests.hospitalOf(member)));
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals("APPROVED", answer.path("status"), answer.asString());
            String id = answer.path("prescriptionId");
            org.junit.jupiter.api.Assertions.assertNotNull(id, answer.asString());

            assertEquals(0, count("select count(*) from prescription where id = $1::uuid", id));
            assertEquals(0, count("select count(*) from audit_log where object_id = $1", id));
            assertEquals(0, count("select count(*) from member where member_id = $1", member));
            assertEquals(0, count("select count(*) from policy where member_id = $1", member));
            assertEquals(0, count("select count(*) from hospital where code = $1", WarmUpRequests.hospitalOf(member)));
            assertEquals(0, count("select count(*) from diagnosis where member_id = $1", member));
        } finally {
            callers.forget(made);
        }
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double redeemed() {
        return registry.counter("oncopay.redemptions").count()
                + registry.counter("oncopay.redemptions.amount").count();
    }

    @Test
    void a_made_up_members_choice_of_a_pharmacy_issues_a_code_and_nothing_of_it_is_committed() {
        WarmUpCallers.Callers made = callers.admit(1, 0, Duration.ofMinutes(1));
        try {
            String member = made.memberIds().get(0);
            Response answer = given().header(
                            "Authorization", "Bearer " + made.memberTokens().get(0))
                    .contentType("application/json")
                    .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + WarmUpRequests.pharmacyOf(member) + "\"}")
                    .when()
                    .post("/api/v1/prescriptions/" + WarmUpRequests.prescriptionOf(member) + "/fulfilment");
            assertEquals(201, answer.statusCode(), answer.asString());
            org.junit.jupiter.api.Assertions.assertNotNull(answer.path("pickupCode"), answer.asString());

            assertEquals(0, count("select count(*) from fulfilment where member_id = $1", member));
            assertEquals(0, count("select count(*) from prescription where member_id = $1", member));
            assertEquals(
                    0,
                    count("select count(*) from outbox where pharmacy_code = $1", WarmUpRequests.pharmacyOf(member)));
            assertEquals(0, count("select count(*) from audit_log where actor = $1", member));
        } finally {
            callers.forget(made);
        }
    }

    @Test
    void a_made_up_pharmacys_redemption_splits_the_money_and_none_of_it_moves_or_is_counted() {
        WarmUpCallers.Callers made = callers.admit(0, 1, Duration.ofMinutes(1));
        double before = redeemed();
        try {
            String pharmacy = made.pharmacyIds().get(0), member = WarmUpRequests.memberOf(pharmacy);
            Response answer = given().header(
                            "Authorization", "Bearer " + made.pharmacyTokens().get(0))
                    .contentType("application/json")
                    .body("{\"pickupCode\":\"" + com.oncopay.fulfilment.domain.PickupCode.derived(pharmacy)
                            + "\",\"idNumber\":\"" + WarmUpRequests.ID_NUMBER
                            + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                    .when()
                    .post("/api/v1/pharmacy/redemptions");
            assertEquals(200, answer.statusCode(), answer.asString());
            Integer insurerPays = answer.path("money.insurerPaysFen");
            assertTrue(insurerPays != null && insurerPays > 0, answer.asString());

            assertEquals(0, count("select count(*) from dispense where pharmacy_code = $1", pharmacy));
            assertEquals(0, count("select count(*) from ledger_entry where policy_number = $1", member + "-P"));
            assertEquals(0, count("select count(*) from liability_claim where member_id = $1", member));
            assertEquals(0, count("select count(*) from outbox where pharmacy_code = $1", pharmacy));
            assertEquals(0, count("select count(*) from audit_log where actor = $1", pharmacy));
            assertEquals(before, redeemed(), "a rehearsed redemption is not counted as money moved");
            // its made-up member's snapshots were invalidated as a real member's are (the path a real redemption
            // takes after its commit, warmed): a generation of that member, which the warm-up's stage forgets
            assertEquals(
                    1L,
                    redis.key()
                                    .exists("elig:gen:"
                                            + WarmUpRequests.memberOf(
                                                    made.pharmacyIds().get(0)))
                                    .await()
                                    .atMost(Duration.ofSeconds(10))
                            ? 1L
                            : 0L);
        } finally {
            callers.forget(made);
            eligibilityCache
                    .forget(WarmUpRequests.memberOf(made.pharmacyIds().get(0)))
                    .await()
                    .atMost(Duration.ofSeconds(10));
        }
    }

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    @Inject
    com.oncopay.coverage.EligibilityCache eligibilityCache;

    @Inject
    Rehearsals rehearsals;

    /** A late statement of an ended rehearsal's request finds its connection read-only: it cannot write. */
    @Test
    void after_a_rehearsal_ends_its_connection_cannot_write() {
        Rehearsal r = rehearsals.open("NONE", "WARMUP-TEST").await().atMost(Duration.ofSeconds(10));
        var client = r.statements().client();
        assertEquals(
                1,
                client.query("insert into hospital (code, name, province, city, grade, public_owned, kind, designated)"
                                + " values ('WARMUP-LATE-H', '预热医院', '北京', '北京', 'GRADE_3', true, 'GENERAL', true)")
                        .execute()
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .rowCount(),
                "inside the rehearsal it writes");
        r.end();
        var late = org.junit.jupiter.api.Assertions.assertThrows(
                io.vertx.pgclient.PgException.class,
                () -> client.query("insert into hospital (code, name, province, city, grade, public_owned, kind,"
                                + " designated) values ('WARMUP-LATE-H', '预热医院', '北京', '北京', 'GRADE_3', true,"
                                + " 'GENERAL', true)")
                        .execute()
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        assertEquals("25006", late.getSqlState(), "read-only transaction: " + late.getMessage());
        assertEquals(0, count("select count(*) from hospital where code = 'WARMUP-LATE-H'"));
    }

    @Test
    void real_submissions_beside_rehearsed_ones_commit_and_the_rehearsed_ones_do_not() throws Exception {
        int n = 12;
        WarmUpCallers.Callers made = callers.admit(n, 0, Duration.ofMinutes(1));
        List<Fixtures.Member> real = new ArrayList<>();
        for (int i = 0; i < n; i++) real.add(Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01"));
        ExecutorService pool2 = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> rehearsed = new ArrayList<>(), committed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String member = made.memberIds().get(i),
                        token = made.memberTokens().get(i);
                Fixtures.Member m = real.get(i);
                Callable<Response> rehearse = () -> submit(token, body(member, WarmUpRequests.hospitalOf(member)));
                Callable<Response> commit =
                        () -> submit(TestTokens.member(m.memberId()), body(m.memberId(), "DEMO-H-BJ-01"));
                rehearsed.add(pool2.submit(rehearse));
                committed.add(pool2.submit(commit));
            }
            for (int i = 0; i < n; i++) {
                Response r = rehearsed.get(i).get(), c = committed.get(i).get();
                String realMember = real.get(i).memberId();
                org.junit.jupiter.api.Assertions.assertNotNull(r.path("prescriptionId"), r.asString());
                assertEquals(201, r.statusCode(), r.asString());
                assertEquals(201, c.statusCode(), c.asString());
                assertEquals(
                        0,
                        count(
                                "select count(*) from prescription where id = $1::uuid",
                                r.<String>path("prescriptionId")));
                assertEquals(
                        1,
                        count(
                                "select count(*) from prescription where id = $1::uuid and member_id = $2",
                                c.<String>path("prescriptionId"),
                                real.get(i).memberId()),
                        () -> "committed? " + c.asString() + " / any row: "
                                + count(
                                        "select count(*) from prescription where id = $1::uuid",
                                        c.<String>path("prescriptionId"))
                                + " / member rows: "
                                + count("select count(*) from member where member_id = $1", realMember));
                assertEquals(
                        1,
                        count("select count(*) from audit_log where object_id = $1", c.<String>path("prescriptionId")));
            }
            assertEquals(0, count("select count(*) from member where member_id like 'WARMUP-%'"));
        } finally {
            pool2.shutdownNow();
            callers.forget(made);
        }
    }
}
