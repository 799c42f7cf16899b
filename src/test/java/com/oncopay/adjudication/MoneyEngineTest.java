package com.oncopay.adjudication;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class MoneyEngineTest {
    @Inject
    MoneyEngine engine;

    @Inject
    Pool pool;

    @Inject
    com.oncopay.platform.db.Transactions transactions;

    private long one(String sql, Object... args) {
        Row r = pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return r.getLong(0);
    }

    /**
     * Each plan level × tier × social-insurance combination of the seeded DEMO- products: 2 packs of 25,000.00 yuan,
     * 10,000.00 paid by social insurance when used, each product's own deductible, the ratio from its table.
     */
    @ParameterizedTest(name = "{0} tier {1} social insurance {2} → {3}%")
    @CsvSource({
        "DEMO-BRONZE, 1, true, 70", "DEMO-BRONZE, 2, true, 60", "DEMO-BRONZE, 3, true, 60",
        "DEMO-BRONZE, 1, false, 60", "DEMO-BRONZE, 2, false, 60", "DEMO-BRONZE, 3, false, 60",
        "DEMO-SILVER, 1, true, 80", "DEMO-SILVER, 2, true, 70", "DEMO-SILVER, 3, true, 60",
        "DEMO-SILVER, 1, false, 70", "DEMO-SILVER, 2, false, 60", "DEMO-SILVER, 3, false, 60",
        "DEMO-GOLD, 1, true, 90", "DEMO-GOLD, 2, true, 80", "DEMO-GOLD, 3, true, 70",
        "DEMO-GOLD, 1, false, 80", "DEMO-GOLD, 2, false, 70", "DEMO-GOLD, 3, false, 60",
        "DEMO-PLATINUM, 1, true, 100", "DEMO-PLATINUM, 2, true, 90", "DEMO-PLATINUM, 3, true, 80",
        "DEMO-PLATINUM, 1, false, 90", "DEMO-PLATINUM, 2, false, 80", "DEMO-PLATINUM, 3, false, 70"
    })
    void every_plan_level_tier_and_social_insurance_combination(String product, int tier, boolean social, int ratio) {
        var m = Fixtures.member(product, "1970-03-01", social, "C34.9", "2026-05-01");
        long deductible = one("select deductible_fen from product where code = $1", product);
        long sumInsured = one("select sum_insured_fen from product where code = $1", product);
        long si = social ? 1_000_000 : 0;
        MoneyBlock b = engine.estimate(
                        m.policyNumber(), tier, 2_500_000, 2, si, com.oncopay.assistance.domain.AidRule.Effect.NONE)
                .await()
                .atMost(Duration.ofSeconds(10));
        long covered = 5_000_000 - si - deductible;
        long insurer = (covered * ratio + 50) / 100;
        assertEquals(ratio, b.ratioPercent());
        assertEquals(deductible, b.deductibleAppliedFen());
        assertEquals(insurer, b.insurerPaysFen());
        assertEquals(5_000_000 - si - insurer, b.memberPaysFen());
        assertEquals(sumInsured, b.sumInsuredBeforeFen());
        assertEquals(sumInsured - insurer, b.sumInsuredAfterFen());
    }

    @Test
    void fifty_parallel_dispenses_never_overspend_the_sum_insured() {
        String product = Fixtures.unique("CONC");
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType("application/json")
                .body("""
                {"code":"%s","name":"并发测试","planLevel":"PLATINUM","sumInsuredFen":1000000,"deductibleFen":0,"waitingPeriodDays":90,
                 "renewalGraceDays":60,"ratios":[{"tier":1,"socialInsuranceUsed":true,"percent":100},{"tier":2,"socialInsuranceUsed":true,"percent":100},
                 {"tier":3,"socialInsuranceUsed":true,"percent":100},{"tier":1,"socialInsuranceUsed":false,"percent":100},
                 {"tier":2,"socialInsuranceUsed":false,"percent":100},{"tier":3,"socialInsuranceUsed":false,"percent":100}]}""".formatted(product))
                .when()
                .post("/api/v1/products")
                .then()
                .statusCode(201);
        var m = Fixtures.member(product, "1970-03-01", false, "C34.9", "2026-05-01");
        // the remaining sum insured (10,000.00) covers exactly 10 dispenses of 1,000.00
        List<Uni<MoneyEngine.Dispensed>> dispenses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            MoneyEngine.DispenseCommand c = new MoneyEngine.DispenseCommand(
                    UUID.randomUUID(),
                    null,
                    m.policyNumber(),
                    m.memberId(),
                    2,
                    "DEMO-PH-BJ-01",
                    "D001",
                    100_000,
                    1,
                    0,
                    "CODE_REDEEMED",
                    Map.of("test", i),
                    java.time.OffsetDateTime.now(),
                    com.oncopay.assistance.domain.AidRule.Effect.NONE);
            // the engine's own transactions (BEGIN pipelined with the lock), 50 at once on one policy
            dispenses.add(transactions.inTransaction(tx -> engine.lock(tx, m.policyNumber(), 2, 0)
                    .flatMap(locked -> engine.dispense(tx, c, locked, money -> List.of()))));
        }
        List<MoneyEngine.Dispensed> done =
                Uni.join().all(dispenses).andFailFast().await().atMost(Duration.ofSeconds(60));
        assertEquals(50, done.size());
        long insurerTotal =
                done.stream().mapToLong(d -> d.money().insurerPaysFen()).sum();
        assertEquals(1_000_000, insurerTotal, "the insurer's total equals the sum insured exactly");
        assertEquals(
                10,
                done.stream().filter(d -> d.money().insurerPaysFen() == 100_000).count());
        assertTrue(done.stream()
                .allMatch(d -> d.money().insurerPaysFen() + d.money().memberPaysFen() == 100_000));
        long used = one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber());
        long ledger = one(
                "select coalesce(sum(amount_fen), 0) from ledger_entry where policy_number = $1 and account = 'INSURER_PAYABLE'",
                m.policyNumber());
        assertEquals(1_000_000, used);
        assertEquals(used, ledger, "the accumulator equals the sum of the ledger rows");
        assertEquals(
                50,
                one(
                        "select count(*) from outbox where aggregate_id in (select id::text from dispense where policy_number = $1)",
                        m.policyNumber()));

        // a reversal restores exactly what its dispense took
        MoneyEngine.Dispensed paid = done.stream()
                .filter(d -> d.money().insurerPaysFen() == 100_000)
                .findFirst()
                .orElseThrow();
        pool.withTransaction(tx -> engine.reverse(
                        com.oncopay.platform.db.Tx.of(tx),
                        UUID.randomUUID(),
                        paid.dispenseId(),
                        "REVERSED",
                        Map.of(),
                        java.time.OffsetDateTime.now()))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(
                900_000,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(
                900_000,
                one(
                        "select sum(amount_fen) from ledger_entry where policy_number = $1 and account = 'INSURER_PAYABLE'",
                        m.policyNumber()));
        var again = pool.withTransaction(tx -> engine.reverse(
                com.oncopay.platform.db.Tx.of(tx),
                UUID.randomUUID(),
                paid.dispenseId(),
                "REVERSED",
                Map.of(),
                java.time.OffsetDateTime.now()));
        org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class, () -> again.await().atMost(Duration.ofSeconds(10)), "a second reversal fails");
    }
}
