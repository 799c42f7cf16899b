package com.oncopay.receivable;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/** The steps of the receivable tests, through the real API, and the ledger checks, in SQL. */
final class Steps {
    static final String BJ = "DEMO-PH-BJ-01";

    private Steps() {}

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    /** A redemption of drug at BJ: {prescriptionId, redemptionId, insurerPaysFen, deductibleAppliedFen, claimId}. */
    static String[] dispensed(Fixtures.Member m, String drug) {
        Response p = as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                .when()
                .post("/api/v1/prescriptions");
        p.then().statusCode(201).body("status", equalTo("APPROVED"));
        String prescription = p.path("prescriptionId");
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + BJ + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        Response r = as(TestTokens.pharmacy(BJ))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0,\"traceCodes\":[\"TR"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 18) + "\"]}")
                .when()
                .post("/api/v1/pharmacy/redemptions");
        r.then().statusCode(200);
        String redemption = r.path("redemptionId");
        String claim = as(TestTokens.reviewer())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/claims?size=100")
                .jsonPath()
                .getString("items.find { it.dispenseId == '" + redemption + "' }.claimId");
        return new String[] {
            prescription,
            redemption,
            String.valueOf(r.jsonPath().getLong("money.insurerPaysFen")),
            String.valueOf(r.jsonPath().getLong("money.deductibleAppliedFen")),
            claim
        };
    }

    static Response deny(String claim) {
        return as(TestTokens.reviewer())
                .body("{\"outcome\":\"DENIED\",\"reasonCode\":\"EXCLUSION\",\"note\":\"责任免除\"}")
                .when()
                .post("/api/v1/claims/" + claim + "/decision");
    }

    static Response confirm(String claim) {
        return as(TestTokens.reviewer())
                .body("{\"outcome\":\"CONFIRMED\"}")
                .when()
                .post("/api/v1/claims/" + claim + "/decision");
    }

    static Response reverse(String redemption) {
        return as(TestTokens.pharmacy(BJ))
                .body("{\"reasonCode\":\"RETURNED\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal");
    }

    static Response reverseLate(String token, String redemption) {
        return as(token)
                .body("{\"reasonCode\":\"RETURNED\",\"note\":\"逾期退药\"}")
                .when()
                .post("/api/v1/redemptions/" + redemption + "/late-reversal");
    }

    static Response overPayment(String token, String claim, long fen, String reason, String note) {
        return as(token)
                .body("{\"amountFen\":" + fen + ",\"reasonCode\":\"" + reason + "\""
                        + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}")
                .when()
                .post("/api/v1/claims/" + claim + "/over-payment");
    }

    static Response pay(String receivable, long fen, String key) {
        RequestSpecification s = as(TestTokens.admin()).body("{\"amountFen\":" + fen + "}");
        if (key != null) s = s.header("Idempotency-Key", key);
        return s.when().post("/api/v1/receivables/" + receivable + "/payments");
    }

    static Response receivables(String memberId) {
        return as(TestTokens.admin()).when().get("/api/v1/members/" + memberId + "/receivables?size=100");
    }

    static long one(Pool pool, String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    static long ledger(Pool pool, String policy, String account) {
        return one(
                pool,
                "select coalesce(sum(amount_fen), 0) from ledger_entry where policy_number = $1 and account = $2",
                policy,
                account);
    }

    /**
     * The ledger of a policy agrees with its accumulators, with what the insurer paid the pharmacy for its dispenses
     * (their settlement lines) and with its receivables and their payments, to the fen.
     */
    static void balances(Pool pool, String policy) {
        long payable = ledger(pool, policy, "INSURER_PAYABLE");
        long released = ledger(pool, policy, "SUM_INSURED_RELEASED");
        assertEquals(
                one(pool, "select sum_insured_used_fen from accumulator where policy_number = $1", policy),
                payable - released,
                "sum insured used = INSURER_PAYABLE - SUM_INSURED_RELEASED of " + policy);
        assertEquals(
                one(pool, "select deductible_met_fen from accumulator where policy_number = $1", policy),
                ledger(pool, policy, "DEDUCTIBLE_MET"),
                "deductible met = DEDUCTIBLE_MET of " + policy);
        assertEquals(
                one(pool, "select coalesce(sum(insurer_pays_fen), 0) from dispense where policy_number = $1", policy),
                payable,
                "the pharmacies' settlement lines = INSURER_PAYABLE of " + policy);
        assertEquals(
                one(
                        pool,
                        "select coalesce(sum(amount_fen - paid_fen), 0) from member_receivable where policy_number = $1",
                        policy),
                ledger(pool, policy, "MEMBER_RECEIVABLE"),
                "outstanding receivables = MEMBER_RECEIVABLE of " + policy);
        assertEquals(
                one(
                        pool,
                        "select coalesce(sum(p.amount_fen), 0) from receivable_payment p"
                                + " join member_receivable r on r.id = p.receivable_id where r.policy_number = $1",
                        policy),
                ledger(pool, policy, "RECEIVABLE_RECOVERED"),
                "payments = RECEIVABLE_RECOVERED of " + policy);
        assertEquals(
                one(pool, "select coalesce(sum(paid_fen), 0) from member_receivable where policy_number = $1", policy),
                ledger(pool, policy, "RECEIVABLE_RECOVERED"),
                "paid = RECEIVABLE_RECOVERED of " + policy);
        assertEquals(
                0,
                one(
                        pool,
                        "select count(*) from member_receivable r where r.policy_number = $1 and r.amount_fen <>"
                                + " (select sum(i.amount_fen - i.reduced_fen) from receivable_item i where i.receivable_id = r.id)",
                        policy),
                "every receivable's amount = its items less what reversals took off");
        assertEquals(
                0,
                one(
                        pool,
                        "select count(*) from member_receivable r where r.policy_number = $1 and r.amount_fen - r.paid_fen"
                                + " <> (select coalesce(sum(l.amount_fen), 0) from ledger_entry l where l.receivable_id = r.id"
                                + " and l.account = 'MEMBER_RECEIVABLE')",
                        policy),
                "every receivable's outstanding = its MEMBER_RECEIVABLE rows");
    }
}
