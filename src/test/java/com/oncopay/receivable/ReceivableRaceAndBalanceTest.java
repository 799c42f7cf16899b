package com.oncopay.receivable;

import static com.oncopay.receivable.Steps.as;
import static com.oncopay.receivable.Steps.balances;
import static com.oncopay.receivable.Steps.dispensed;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #20 "Done when": a denial racing a reversal leaves the ledger and the accumulators consistent; a payment recorded
 * twice with one idempotency key counts once, also at once; after a mixed run every account of the ledger agrees with
 * the accumulators, the pharmacies' settlement and the receivables, to the fen.
 */
@QuarkusTest
class ReceivableRaceAndBalanceTest {
    static final int PAIRS = 20;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void backToThePinnedDay() {
        ((PinnedClock) clock)
                .pinTo(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant());
    }

    long one(String sql, Object... args) {
        return Steps.one(pool, sql, args);
    }

    @Test
    void a_denial_racing_a_reversal_one_wins_and_nothing_is_restored_twice() throws Exception {
        List<Fixtures.Member> members = new ArrayList<>();
        List<String[]> dispenses = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            var m = Fixtures.member("DEMO-GOLD", "1950-05-01", false, "C34.9", "2026-05-01");
            members.add(m);
            dispenses.add(dispensed(m, "D001"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        int denials = 0;
        int reversals = 0;
        try {
            for (int i = 0; i < PAIRS; i++) {
                String[] d = dispenses.get(i);
                CountDownLatch start = new CountDownLatch(1);
                Callable<Response> deny = () -> {
                    start.await();
                    return Steps.deny(d[4]);
                };
                Callable<Response> reverse = () -> {
                    start.await();
                    return Steps.reverse(d[1]);
                };
                // alternate which is submitted first
                Future<Response> a = threads.submit(i % 2 == 0 ? deny : reverse);
                Future<Response> b = threads.submit(i % 2 == 0 ? reverse : deny);
                start.countDown();
                Response first = a.get(60, TimeUnit.SECONDS);
                Response second = b.get(60, TimeUnit.SECONDS);
                Response denial = i % 2 == 0 ? first : second;
                Response reversal = i % 2 == 0 ? second : first;
                String why = "pair " + i + ": denial " + denial.statusCode() + " " + denial.asString() + ", reversal "
                        + reversal.statusCode() + " " + reversal.asString();
                Fixtures.Member m = members.get(i);
                long reversed = one("select count(*) from dispense where reverses = $1", UUID.fromString(d[1]));
                long receivables = one("select count(*) from member_receivable where member_id = $1", m.memberId());
                if (denial.statusCode() == 200) {
                    denials++;
                    assertEquals(409, reversal.statusCode(), why);
                    assertEquals("LIABILITY_DENIED", reversal.path("code"), why);
                    assertEquals(0, reversed, why);
                    assertEquals(1, receivables, why);
                } else {
                    reversals++;
                    assertEquals(409, denial.statusCode(), why);
                    assertEquals("ILLEGAL_TRANSITION", denial.path("code"), why);
                    assertEquals(200, reversal.statusCode(), why);
                    assertEquals(1, reversed, why);
                    assertEquals(0, receivables, why);
                }
                // exactly one gave the cover back, once
                assertEquals(
                        0,
                        one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()),
                        why);
                assertEquals(
                        0,
                        one("select deductible_met_fen from accumulator where policy_number = $1", m.policyNumber()),
                        why);
                balances(pool, m.policyNumber());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(PAIRS, denials + reversals);
    }

    @Test
    void a_misuse_flag_racing_a_reversal_never_leaves_the_reversed_dispense_owed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                var m = Fixtures.member("DEMO-GOLD", "1953-05-01", false, "C34.9", "2026-05-01");
                String[] d = dispensed(m, "D001");
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> flag = threads.submit(() -> {
                    start.await();
                    return as(TestTokens.reviewer())
                            .body("{\"reason\":\"冒用\"}")
                            .when()
                            .post("/api/v1/members/" + m.memberId() + "/misuse-flag");
                });
                Future<Response> reversal = threads.submit(() -> {
                    start.await();
                    return Steps.reverse(d[1]);
                });
                start.countDown();
                assertEquals(201, flag.get(60, TimeUnit.SECONDS).statusCode());
                assertEquals(200, reversal.get(60, TimeUnit.SECONDS).statusCode());
                // flagged first: the receivable lost its only dispense (CANCELLED); reversed first: none was opened
                assertEquals(
                        0,
                        one(
                                "select coalesce(sum(amount_fen - paid_fen), 0) from member_receivable where member_id = $1",
                                m.memberId()));
                assertEquals(
                        0,
                        one(
                                "select count(*) from member_receivable where member_id = $1 and status <> 'CANCELLED'",
                                m.memberId()));
                balances(pool, m.policyNumber());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_payment_sent_many_times_at_once_with_one_key_counts_once() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1951-05-01", false, "C34.9", "2026-05-01");
        String[] d = dispensed(m, "D001");
        String receivable = Steps.deny(d[4]).then().statusCode(200).extract().path("receivableId");
        String key = "pay-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) calls.add(() -> Steps.pay(receivable, 1000, key));
            for (Future<Response> f : threads.invokeAll(calls)) {
                Response r = f.get(60, TimeUnit.SECONDS);
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) assertEquals("IDEMPOTENCY_IN_PROGRESS", r.path("code"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(statuses.contains(200), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        // sequentially again: replayed, not counted
        Steps.pay(receivable, 1000, key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("paidFen", equalTo(1000));
        Steps.pay(receivable, 1000, key).then().statusCode(200).body("paidFen", equalTo(1000));
        UUID rid = UUID.fromString(receivable);
        assertEquals(1, one("select count(*) from receivable_payment where receivable_id = $1", rid));
        assertEquals(1000, one("select paid_fen from member_receivable where id = $1", rid));
        Steps.receivables(m.memberId())
                .then()
                .body("items[0].paidFen", equalTo(1000))
                .body("items[0].status", equalTo("PARTLY_PAID"));
        balances(pool, m.policyNumber());
    }

    @Test
    void after_a_mixed_run_every_ledger_account_balances_to_the_fen() {
        List<Fixtures.Member> members = new ArrayList<>();
        List<String[]> late = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var m = Fixtures.member("DEMO-GOLD", "1952-05-0" + (i + 1), false, "C34.9", "2026-05-01");
            members.add(m);
            String[] a = dispensed(m, "D001");
            String[] b = dispensed(m, "D002");
            switch (i) {
                case 0 -> { // a reversal and a denial, the receivable paid in full in two payments
                    Steps.reverse(a[1]).then().statusCode(200);
                    String r = Steps.deny(b[4]).then().statusCode(200).extract().path("receivableId");
                    long amount = Long.parseLong(b[2]);
                    Steps.pay(r, amount / 2, "k-" + UUID.randomUUID()).then().statusCode(200);
                    Steps.pay(r, amount - amount / 2, "k-" + UUID.randomUUID())
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("PAID"));
                }
                case 1 -> { // misuse of both, one paid in part, then one reversed
                    as(TestTokens.reviewer())
                            .body("{\"reason\":\"冒用\"}")
                            .when()
                            .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                            .then()
                            .statusCode(201);
                    String r = Steps.receivables(m.memberId()).path("items[0].receivableId");
                    Steps.pay(r, 500, null).then().statusCode(200);
                    Steps.reverse(a[1]).then().statusCode(200);
                }
                case 2 -> { // a confirmed claim with an over-payment, the other denied
                    Steps.confirm(a[4]).then().statusCode(200);
                    Steps.overPayment(TestTokens.admin(), a[4], 1234, "OVER_LIMIT", null)
                            .then()
                            .statusCode(201);
                    Steps.deny(b[4]).then().statusCode(200);
                }
                case 3 -> late.add(a); // late reversal below; the other stays under investigation
                case 4 -> { // misuse, then the denial of one gives its cover back
                    as(TestTokens.reviewer())
                            .body("{\"reason\":\"冒用\"}")
                            .when()
                            .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                            .then()
                            .statusCode(201);
                    Steps.deny(a[4]).then().statusCode(200);
                }
                default -> { // both reversed
                    Steps.reverse(a[1]).then().statusCode(200);
                    Steps.reverse(b[1]).then().statusCode(200);
                }
            }
        }
        ((PinnedClock) clock)
                .pinTo(OffsetDateTime.parse("2026-12-02T09:00:00+08:00").toInstant());
        for (String[] a : late)
            Steps.reverseLate(TestTokens.admin(), a[1]).then().statusCode(200);

        for (Fixtures.Member m : members) balances(pool, m.policyNumber());
        // the pharmacy's settlement for the day (the API's total) agrees with the ledger's INSURER_PAYABLE of its
        // dispenses
        Response settlement = as(TestTokens.admin())
                .when()
                .get("/api/v1/pharmacies/" + Steps.BJ + "/settlements?from=2026-11-23&to=2026-11-23");
        settlement.then().statusCode(200);
        assertEquals(one("""
                        select coalesce(sum(l.amount_fen), 0) from ledger_entry l join dispense d on d.id = l.dispense_id
                        where l.account = 'INSURER_PAYABLE' and d.pharmacy_code = $1
                        and d.at >= '2026-11-23T00:00:00+08:00' and d.at < '2026-11-24T00:00:00+08:00'""", Steps.BJ), settlement.jsonPath().getLong("totalFen"));
        // every receivable of every member in the database agrees with its ledger rows and its items
        assertEquals(0, one("""
                select count(*) from member_receivable r where r.amount_fen - r.paid_fen <> (select coalesce(sum(l.amount_fen), 0)
                from ledger_entry l where l.receivable_id = r.id and l.account = 'MEMBER_RECEIVABLE')
                or r.paid_fen <> (select coalesce(sum(l.amount_fen), 0) from ledger_entry l where l.receivable_id = r.id
                and l.account = 'RECEIVABLE_RECOVERED')
                or r.amount_fen <> (select sum(i.amount_fen - i.reduced_fen) from receivable_item i where i.receivable_id = r.id)"""));
        // and the receivables as the API shows them sum to the ledger
        long shown = 0;
        for (Fixtures.Member m : members) {
            Response r = Steps.receivables(m.memberId());
            for (int i = 0; i < r.jsonPath().getList("items").size(); i++)
                shown += r.jsonPath().getLong("items[" + i + "].outstandingFen");
        }
        long ledger = 0;
        for (Fixtures.Member m : members) ledger += Steps.ledger(pool, m.policyNumber(), "MEMBER_RECEIVABLE");
        assertEquals(ledger, shown);
    }
}
