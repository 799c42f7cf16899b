package com.oncopay.fulfilment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The business clock of the test profile is Monday 2026-11-23 10:00 Asia/Shanghai. */
@QuarkusTest
class FulfilmentResourceTest {
    @Inject
    Pool pool;

    /** Every response body of this class, checked for identity numbers at the end of each test that collects them. */
    private final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    private long one(String sql, Object... args) {
        Row r = pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return r.getLong(0);
    }

    private Response keep(Response r) {
        bodies.add(r.asString());
        return r;
    }

    /** An approved prescription of a fresh member. */
    String approved(Fixtures.Member m, String drug) {
        return keep(as(TestTokens.member(m.memberId()))
                        .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug))
                        .when()
                        .post("/api/v1/prescriptions"))
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
    }

    Response choose(Fixtures.Member m, String prescription, String mode, String pharmacy, String city) {
        String address = city == null
                ? ""
                : ",\"address\":{\"province\":\"北京\",\"city\":\"" + city
                        + "\",\"district\":\"东城区\",\"line\":\"某街1号\",\"phone\":\"13800000000\"}";
        return keep(as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"" + mode + "\",\"pharmacyCode\":\"" + pharmacy + "\"" + address + "}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/fulfilment"));
    }

    Response redeem(String pharmacy, String code, String idNumber, long si, String extra) {
        return keep(as(TestTokens.pharmacy(pharmacy))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + idNumber
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":" + si + extra + "}")
                .when()
                .post("/api/v1/pharmacy/redemptions"));
    }

    @Test
    void approve_pick_up_redeem_with_the_right_split_reverse_and_settle_and_no_identity_number_anywhere()
            throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String p = approved(m, "D001");
        Response chosen = choose(m, p, "PICKUP", "DEMO-PH-BJ-01", null);
        chosen.then()
                .statusCode(201)
                .body("mode", equalTo("PICKUP"))
                .body("expiresAt", equalTo("2026-11-30T10:00:00+08:00"));
        String code = chosen.path("pickupCode");
        String fulfilment = chosen.path("fulfilmentId");
        assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"), code);
        assertEquals(
                0,
                one(
                        "select count(*) from fulfilment where code_hash::text like $1",
                        "%" + code.replace("-", "") + "%"));

        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .contentType("application/json")
                .body("{\"pickupCode\":\"" + code + "\"}")
                .when()
                .post("/api/v1/fulfilments/" + fulfilment + "/qr.png")
                .then()
                .statusCode(200)
                .contentType("image/png");
        given().header("Authorization", TestTokens.bearer(TestTokens.member("someone-else")))
                .contentType("application/json")
                .body("{\"pickupCode\":\"" + code + "\"}")
                .when()
                .post("/api/v1/fulfilments/" + fulfilment + "/qr.png")
                .then()
                .statusCode(404);
        // no URL carries a pickup code: the old query form is gone
        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .when()
                .get("/api/v1/fulfilments/" + fulfilment + "/qr.png?code=" + code)
                .then()
                .statusCode(405);

        // the split the estimate announced is the split the counter applies
        long expectedInsurer = keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"socialInsurancePaidFen\":0}")
                        .when()
                        .post("/api/v1/prescriptions/" + p + "/estimate"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("money.insurerPaysFen");
        Response redeemed = redeem(
                "DEMO-PH-BJ-01",
                code.toLowerCase(),
                m.idNumber(),
                0,
                ",\"traceCodes\":[\"TR"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 18) + "\"]");
        redeemed.then()
                .statusCode(200)
                .body("brandName", equalTo("可瑞达"))
                .body("form", equalTo("INJECTION"))
                .body("money.totalFen", equalTo(1791800))
                .body("money.deductibleAppliedFen", equalTo(500000))
                .body("money.ratioPercent", equalTo(70))
                .body("money.insurerPaysFen", equalTo((int) expectedInsurer))
                .body("money.memberPaysFen", equalTo(1791800 - (int) expectedInsurer))
                .body("money.sumInsuredAfterFen", equalTo(300000000 - (int) expectedInsurer));
        String redemption = redeemed.path("redemptionId");
        assertEquals(
                expectedInsurer,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        // the claim of the code linked the fulfilment to its dispense (one update of the row, checked at the commit)
        assertEquals(
                1,
                one(
                        "select count(*) from fulfilment f join dispense d on d.id = f.dispense_id"
                                + " where d.id = $1::uuid and f.status = 'REDEEMED'",
                        redemption));
        redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(409)
                .body("code", equalTo("CODE_ALREADY_REDEEMED"));
        keep(as(TestTokens.member(m.memberId())).when().get("/api/v1/prescriptions/" + p))
                .then()
                .body("status", equalTo("DISPENSED"));

        // a refill of the same molecule right away is too soon
        keep(as(TestTokens.member(m.memberId()))
                        .body("""
                {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId()))
                        .when()
                        .post("/api/v1/prescriptions"))
                .then()
                .statusCode(201)
                .body("reasons.code", contains("REFILL_TOO_SOON"));

        // reversal by another pharmacy is not found; by the same one it restores the sum insured exactly, once
        keep(as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                        .body("{\"reasonCode\":\"RETURNED\"}")
                        .when()
                        .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal"))
                .then()
                .statusCode(404);
        keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"reasonCode\":\"RETURNED\"}")
                        .when()
                        .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal"))
                .then()
                .statusCode(200)
                .body("money.insurerPaysFen", equalTo(-(int) expectedInsurer));
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(0, one("select deductible_met_fen from accumulator where policy_number = $1", m.policyNumber()));
        keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"reasonCode\":\"RETURNED\"}")
                        .when()
                        .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal"))
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_REVERSED"));

        // the settlement lists the dispense and its reversal and its total equals the ledger
        Response settlement = keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/settlements?from=2026-11-01&to=2026-11-30"));
        settlement
                .then()
                .statusCode(200)
                .body("lines.redemptionId", hasItem(redemption))
                .body("lines.kind", hasItem("REVERSAL"))
                .body("lines.find { it.redemptionId == '" + redemption + "' }.brandName", equalTo("可瑞达"))
                .body("lines.find { it.redemptionId == '" + redemption + "' }.genericName", equalTo("帕博利珠单抗注射液"));
        long ledger = one(
                "select coalesce(sum(l.amount_fen), 0) from ledger_entry l join dispense d on d.id = l.dispense_id "
                        + "where d.pharmacy_code = 'DEMO-PH-BJ-01' and l.account = 'INSURER_PAYABLE' and d.at >= '2026-11-01T00:00+08:00' and d.at < '2026-12-01T00:00+08:00'");
        assertEquals(ledger, settlement.jsonPath().getLong("totalFen"));
        long sumOfLines = settlement.jsonPath().getList("lines.insurerPaysFen", Long.class).stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(ledger, sumOfLines);
        keep(as(TestTokens.pharmacy("DEMO-PH-SH-01")).when().get("/api/v1/pharmacies/DEMO-PH-BJ-01/settlements"))
                .then()
                .statusCode(404);

        // no identity number in any response, ledger row, stored event, audit row or log line
        bodies.forEach(b -> assertFalse(b.contains(m.idNumber()), b));
        String stored = pool.preparedQuery("select coalesce(string_agg(t, ' '), '') from ("
                        + "select l::text as t from ledger_entry l union all select d::text from dispense d union all "
                        + "select o.payload::text from outbox o union all select a.detail::text from audit_log a union all "
                        + "select i.response_body from idempotency_key i where i.response_body is not null) x")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
        assertFalse(stored.contains(m.idNumber()));
        assertFalse(Files.readString(Path.of("target/quarkus-test.log")).contains(m.idNumber()));
    }

    @Test
    void the_counter_previews_the_order_and_split_before_confirming_and_nothing_changes() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String code = choose(m, approved(m, "D001"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        for (int i = 0; i < 2; i++) {
            keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                            .body("{\"pickupCode\":\"" + code + "\",\"socialInsurancePaidFen\":0}")
                            .when()
                            .post("/api/v1/pharmacy/redemptions/preview"))
                    .then()
                    .statusCode(200)
                    .body("drugId", equalTo("D001"))
                    // #23: the counter names the drug
                    .body("brandName", equalTo("可瑞达"))
                    .body("genericName", equalTo("帕博利珠单抗注射液"))
                    .body("form", equalTo("INJECTION"))
                    .body("packs", equalTo(1))
                    .body("memberName", equalTo("测***"))
                    .body("money.insurerPaysFen", equalTo(904260))
                    .body("money.memberPaysFen", equalTo(887540));
        }
        assertEquals(0, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                .body("{\"pickupCode\":\"" + code + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(404)
                .body("code", equalTo("CODE_UNKNOWN"));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pickupCode\":\"nope\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(422)
                .body("code", equalTo("CODE_MALFORMED"));
        redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(200)
                .body("money.insurerPaysFen", equalTo(904260));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pickupCode\":\"" + code + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(409)
                .body("code", equalTo("CODE_ALREADY_REDEEMED"));
        bodies.forEach(b -> assertFalse(b.contains(m.idNumber()), b));
    }

    /** #23: the 规格 the prescription writes travels to the counter's preview, the receipt and the delivery. */
    @Test
    void the_pack_size_as_prescribed_is_shown_in_the_preview_the_receipt_and_the_delivery() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String body = """
                {"memberId":"%s","drugId":"%s","packs":2,"packSize":"%s","daysSupply":21,"prescribedOn":"2026-11-23",
                 "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""";
        as(TestTokens.member(m.memberId()))
                .body(body.formatted(m.memberId(), "D001", "100mg<script>"))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("packSize"));
        String p = keep(as(TestTokens.member(m.memberId()))
                        .body(body.formatted(m.memberId(), "D001", "100mg/4ml/瓶"))
                        .when()
                        .post("/api/v1/prescriptions"))
                .then()
                .statusCode(201)
                .body("packSize", equalTo("100mg/4ml/瓶"))
                .extract()
                .path("prescriptionId");
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + p)
                .then()
                .body("packSize", equalTo("100mg/4ml/瓶"));
        String code = choose(m, p, "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"pickupCode\":\"" + code + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(200)
                .body("packSize", equalTo("100mg/4ml/瓶"))
                .body("packs", equalTo(2));
        redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(200)
                .body("packSize", equalTo("100mg/4ml/瓶"));

        // a prescription that gives none answers null, and a delivery carries the pack size too
        var other = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        as(TestTokens.member(other.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + approved(other, "D002"))
                .then()
                .body("packSize", nullValue());
        String delivered = keep(as(TestTokens.member(other.memberId()))
                        .body(body.formatted(other.memberId(), "D031", "3.5mg/瓶"))
                        .when()
                        .post("/api/v1/prescriptions"))
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        String f = choose(other, delivered, "DELIVERY", "DEMO-PH-BJ-01", "北京市")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"ACCEPTED\",\"at\":\"2026-11-23T09:00:00+08:00\"}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(200)
                .body("packSize", equalTo("3.5mg/瓶"));
    }

    @Test
    void of_200_concurrent_redemptions_of_one_code_exactly_one_succeeds_and_the_accumulators_move_once()
            throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String code = choose(m, approved(m, "D002"), "PICKUP", "DEMO-PH-GZ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        ExecutorService pool200 = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++)
            calls.add(() -> redeem("DEMO-PH-GZ-01", code, m.idNumber(), 0, "").statusCode());
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool200.invokeAll(calls)) statuses.add(f.get());
        pool200.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(199, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        long insurer = one("select insurer_pays_fen from dispense where policy_number = $1", m.policyNumber());
        assertEquals(
                insurer,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(1, one("select count(*) from dispense where policy_number = $1", m.policyNumber()));
        assertEquals(
                0,
                one(
                        "select failed_attempts from fulfilment f join prescription p on p.id = f.prescription_id where p.member_id = $1",
                        m.memberId()),
                "the losers are not counted as failures");
    }

    /**
     * A prescription chosen again and again, some at once: one fulfilment, every other answer 409 FULFILMENT_EXISTS,
     * never a 500. The insert's unique violation aborts its transaction while the statements sent with it are
     * still on their way; the answer must be the violation, and each connection must go back to the pool clean.
     */
    @Test
    void a_prescription_chosen_again_and_again_is_409_every_time_and_never_500() throws Exception {
        // several prescriptions and 32 clients, so that requests and their connections fall on different event loops:
        // a refusal once ended its transaction before the choice's outbox and audit rows were sent, and they then
        // committed on their own (a pharmacy told of a reservation never made), or met an aborted transaction (500)
        List<String> prescriptions = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
            String prescription = approved(m, "D001");
            choose(m, prescription, "PICKUP", "DEMO-PH-BJ-01", null).then().statusCode(201);
            prescriptions.add(prescription);
            members.add(m.memberId());
        }
        var pool32 = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                int p = i % prescriptions.size();
                answers.add(pool32.submit(() -> as(TestTokens.member(members.get(p)))
                        .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"DEMO-PH-BJ-01\"}")
                        .when()
                        .post("/api/v1/prescriptions/" + prescriptions.get(p) + "/fulfilment")));
            }
            for (var a : answers) {
                Response r = a.get();
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("FULFILMENT_EXISTS", r.path("code"));
            }
        } finally {
            pool32.shutdown();
        }
        for (String prescription : prescriptions) {
            assertEquals(
                    1L,
                    one("select count(*) from outbox where payload->>'prescriptionId' = $1", prescription),
                    "one dispatch event: the first choice's, none of a refused one");
            assertEquals(
                    1L,
                    one(
                            "select count(*) from audit_log where action = 'FULFILMENT_CHOSEN' and detail->>'prescriptionId' = $1",
                            prescription),
                    "one audit row: the first choice's");
        }
    }

    @Test
    void more_concurrent_redemptions_of_different_codes_than_the_pool_has_connections_all_complete() throws Exception {
        // a redemption once took a second connection inside its transaction (the aid-programme read for D001): with as
        // many redemptions at once as the pool had connections (16 then, 32 now), every one waited for one more and the
        // engine stopped
        List<String[]> codes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
            codes.add(new String[] {
                choose(m, approved(m, "D001"), "PICKUP", "DEMO-PH-BJ-01", null)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("pickupCode"),
                m.idNumber()
            });
        }
        ExecutorService pool40 = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String[] c : codes) {
                results.add(pool40.submit(() -> as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"pickupCode\":\"" + c[0] + "\",\"idNumber\":\"" + c[1]
                                + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                        .when()
                        .post("/api/v1/pharmacy/redemptions")
                        .statusCode()));
            }
            for (Future<Integer> f : results) assertEquals(200, f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool40.shutdownNow();
        }
    }

    @Test
    void wrong_pharmacy_and_wrong_identity_are_counted_and_the_code_locks_after_10() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String code = choose(m, approved(m, "D033"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        redeem("DEMO-PH-SH-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(404)
                .body("code", equalTo("CODE_UNKNOWN"));
        String other = Fixtures.residentId("1970-03-01", 999);
        for (int i = 0; i < 9; i++) {
            redeem("DEMO-PH-BJ-01", code, other, 0, "")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("IDENTITY_MISMATCH"));
        }
        redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(429)
                .body("code", equalTo("CODE_LOCKED"))
                .header("Retry-After", "3600");
        assertEquals(
                1,
                one(
                        "select count(*) from audit_log where action = 'CODE_LOCKED' and object_id in "
                                + "(select f.id::text from fulfilment f join prescription p on p.id = f.prescription_id where p.member_id = $1)",
                        m.memberId()));
        assertEquals(
                10,
                one(
                        "select count(*) from redemption_failure where fulfilment_id in "
                                + "(select f.id from fulfilment f join prescription p on p.id = f.prescription_id where p.member_id = $1)",
                        m.memberId()));
    }

    @Test
    void malformed_expired_and_unknown_codes() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String code = choose(m, approved(m, "D002"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        String canonical = code.replace("-", "");
        char first = canonical.charAt(0);
        String typo = (first == '7' ? '8' : '7') + canonical.substring(1);
        redeem("DEMO-PH-BJ-01", typo, m.idNumber(), 0, "")
                .then()
                .statusCode(422)
                .body("code", equalTo("CODE_MALFORMED"));
        redeem("DEMO-PH-BJ-01", "hello", m.idNumber(), 0, "")
                .then()
                .statusCode(422)
                .body("code", equalTo("CODE_MALFORMED"));
        keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                                + "\",\"prescriptionCollected\":false,\"socialInsurancePaidFen\":0}")
                        .when()
                        .post("/api/v1/pharmacy/redemptions"))
                .then()
                .statusCode(422)
                .body("code", equalTo("PRESCRIPTION_NOT_COLLECTED"));
        pool.preparedQuery("update fulfilment set expires_at = '2026-11-01T00:00+08:00' where member_id = $1")
                .execute(Tuple.of(m.memberId()))
                .await()
                .indefinitely();
        redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(410)
                .body("code", equalTo("CODE_EXPIRED"));
        String valid = com.oncopay.fulfilment.domain.PickupCode.generate(new java.security.SecureRandom());
        redeem("DEMO-PH-BJ-01", valid, m.idNumber(), 0, "")
                .then()
                .statusCode(404)
                .body("code", equalTo("CODE_UNKNOWN"));
        as(TestTokens.member(m.memberId()))
                .body("{\"pickupCode\":\"" + valid
                        + "\",\"idNumber\":\"x\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions")
                .then()
                .statusCode(403);
    }

    @Test
    void nrdl_delivery_for_a_social_insurance_member_and_cold_chain_delivery_are_refused_pickup_is_allowed() {
        var si = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        choose(si, approved(si, "D031"), "DELIVERY", "DEMO-PH-BJ-01", "北京")
                .then()
                .statusCode(422)
                .body("code", equalTo("PICKUP_ONLY_NRDL"));
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String p = approved(m, "D001"); // pembrolizumab: cold chain
        choose(m, p, "DELIVERY", "DEMO-PH-SH-01", "上海")
                .then()
                .statusCode(422)
                .body("code", equalTo("COLD_CHAIN_REQUIRED"));
        choose(m, p, "DELIVERY", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("address"));
        choose(m, p, "PICKUP", "DEMO-PH-SH-01", null).then().statusCode(201);
        choose(m, p, "PICKUP", "DEMO-PH-SH-01", null).then().statusCode(409).body("code", equalTo("FULFILMENT_EXISTS"));
        choose(
                        m,
                        approved(Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01"), "D002"),
                        "PICKUP",
                        "DEMO-PH-BJ-01",
                        null)
                .then()
                .statusCode(404);
    }

    @Test
    void a_home_delivery_moves_forward_to_delivered_and_settles_like_a_redemption() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        Response chosen = choose(m, approved(m, "D001"), "DELIVERY", "DEMO-PH-BJ-01", "北京市");
        chosen.then().statusCode(201).body("promisedBy", equalTo("2026-11-23T18:00:00+08:00"));
        String f = chosen.path("fulfilmentId");
        var pharmacy = as(TestTokens.pharmacy("DEMO-PH-BJ-01"));
        String at = "\"at\":\"2026-11-23T09:00:00+08:00\"";
        pharmacy.body("{\"status\":\"ACCEPTED\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"SHIPPED\",\"trackingNo\":\"SF123\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(200)
                .body("trackingNo", equalTo("SF123"));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"PACKED\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(409)
                .body("code", equalTo("ILLEGAL_TRANSITION"));
        as(TestTokens.pharmacy("DEMO-PH-SH-01"))
                .body("{\"status\":\"DELIVERED\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(404);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"DELIVERED\",\"prescriptionCollected\":true,\"idNumber\":\""
                        + Fixtures.residentId("1970-03-01", 998) + "\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(422)
                .body("code", equalTo("IDENTITY_MISMATCH"));
        keep(as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                        .body("{\"status\":\"DELIVERED\",\"prescriptionCollected\":true,\"idNumber\":\"" + m.idNumber()
                                + "\",\"socialInsurancePaidFen\":0," + at + "}")
                        .when()
                        .post("/api/v1/deliveries/" + f + "/status"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("money.insurerPaysFen", equalTo(904260));
        assertEquals(
                904260, one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()));
        assertEquals(
                904260,
                one(
                        "select d.insurer_pays_fen from fulfilment f join dispense d on d.id = f.dispense_id"
                                + " where f.id = $1::uuid and f.status = 'DELIVERED'",
                        f));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"FAILED\"," + at + "}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(409);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .when()
                .get("/api/v1/pharmacies/DEMO-PH-BJ-01/deliveries")
                .then()
                .statusCode(200)
                .body("items.fulfilmentId", hasItem(f))
                .body("page", equalTo(0));
        as(TestTokens.admin()).when().get("/api/v1/deliveries/overdue").then().statusCode(200);
        bodies.forEach(b -> assertFalse(b.contains(m.idNumber()), b));
    }

    @Test
    void wrong_identity_numbers_at_the_door_lock_the_delivery_as_at_the_counter_and_no_money_moves() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String f = choose(m, approved(m, "D001"), "DELIVERY", "DEMO-PH-BJ-01", "北京市")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        for (String status : new String[] {"ACCEPTED", "SHIPPED"}) {
            as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                    .body("{\"status\":\"" + status + "\"}")
                    .when()
                    .post("/api/v1/deliveries/" + f + "/status")
                    .then()
                    .statusCode(200);
        }
        String wrong = "{\"status\":\"DELIVERED\",\"prescriptionCollected\":true,\"idNumber\":\""
                + Fixtures.residentId("1970-03-01", 997) + "\",\"socialInsurancePaidFen\":0}";
        for (int i = 1; i <= 10; i++) {
            as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                    .body(wrong)
                    .when()
                    .post("/api/v1/deliveries/" + f + "/status")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("IDENTITY_MISMATCH"));
        }
        // the 11th try, with the right number, is refused: the delivery is locked for an hour
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"DELIVERED\",\"prescriptionCollected\":true,\"idNumber\":\"" + m.idNumber()
                        + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(429)
                .body("code", equalTo("CODE_LOCKED"))
                .header("Retry-After", equalTo("3600"));
        assertEquals(
                0,
                one("select sum_insured_used_fen from accumulator where policy_number = $1", m.policyNumber()),
                "no money moved");
        assertEquals(
                10,
                one(
                        "select count(*) from redemption_failure where fulfilment_id = $1::uuid and reason = 'IDENTITY_MISMATCH'",
                        f));
        assertEquals(1, one("select count(*) from audit_log where object_id = $1 and action = 'CODE_LOCKED'", f));
    }

    @Test
    void the_member_sees_why_delivery_is_refused_the_pharmacies_to_choose_from_and_tracks_the_delivery() {
        var si = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        as(TestTokens.member(si.memberId()))
                .header("Accept-Language", "en")
                .when()
                .get("/api/v1/members/" + si.memberId() + "/eligibility?drugId=D031")
                .then()
                .statusCode(200)
                .body("fulfilmentModes", contains("PICKUP"))
                .body("deliveryRefusal.code", equalTo("PICKUP_ONLY_NRDL"))
                .body("deliveryRefusal.message", startsWith("NRDL drugs"));
        as(TestTokens.member(si.memberId()))
                .when()
                .get("/api/v1/members/" + si.memberId() + "/eligibility?drugId=D001")
                .then()
                .statusCode(200)
                .body("fulfilmentModes", contains("PICKUP", "DELIVERY"))
                .body("deliveryRefusal", org.hamcrest.Matchers.nullValue());

        // designated pharmacies with a price for the drug, cold chain shown, no prices, not the undesignated one
        as(TestTokens.member(si.memberId()))
                .when()
                .get("/api/v1/pharmacies?drugId=D001")
                .then()
                .statusCode(200)
                .body("items.code", hasItem("DEMO-PH-BJ-01"))
                .body("items.code", org.hamcrest.Matchers.not(hasItem("DEMO-PH-CD-01")))
                .body("items.find { it.code == 'DEMO-PH-SH-01' }.coldChain", equalTo(false))
                .body("items.find { it.code == 'DEMO-PH-BJ-01' }.coldChain", equalTo(true))
                .body("items[0].prices", org.hamcrest.Matchers.nullValue());
        as(TestTokens.member(si.memberId()))
                .when()
                .get("/api/v1/pharmacies?city=上海")
                .then()
                .statusCode(200)
                .body("items.code", hasItem("DEMO-PH-SH-01"))
                .body("items.code", org.hamcrest.Matchers.not(hasItem("DEMO-PH-BJ-01")));
        given().when().get("/api/v1/pharmacies").then().statusCode(401);

        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String f = choose(m, approved(m, "D001"), "DELIVERY", "DEMO-PH-BJ-01", "北京市")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"status\":\"SHIPPED\",\"trackingNo\":\"SF777\",\"at\":\"2026-11-23T09:30:00+08:00\"}")
                .when()
                .post("/api/v1/deliveries/" + f + "/status")
                .then()
                .statusCode(200);
        keep(as(TestTokens.member(m.memberId())).when().get("/api/v1/members/" + m.memberId() + "/fulfilments"))
                .then()
                .statusCode(200)
                .body("items[0].fulfilmentId", equalTo(f))
                .body("items[0].mode", equalTo("DELIVERY"))
                .body("items[0].status", equalTo("SHIPPED"))
                .body("items[0].trackingNo", equalTo("SF777"))
                .body("items[0].promisedBy", equalTo("2026-11-23T18:00:00+08:00"))
                .body("items[0].drugId", equalTo("D001"))
                .body("items[0].pharmacyName", org.hamcrest.Matchers.notNullValue())
                .body("items[0].pickupCode", org.hamcrest.Matchers.nullValue());
        as(TestTokens.member(si.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/fulfilments")
                .then()
                .statusCode(404);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/fulfilments")
                .then()
                .statusCode(403);
        bodies.forEach(b -> assertFalse(b.contains(m.idNumber()), b));
    }

    @Test
    void the_counter_reads_a_pickup_code_from_a_camera_frame_and_says_so_when_there_is_none() throws Exception {
        String code = "7K3M-9QX2-HV4P-2";
        byte[] frame = QrImages.png(code, 480);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .contentType("image/png")
                .body(frame)
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(200)
                .body("pickupCode", equalTo(code));
        // a JPEG frame, as a camera canvas gives it, with the code smaller than the frame
        var img = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.fillRect(0, 0, 1280, 720);
        g.drawImage(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(frame)), 500, 150, 320, 320, null);
        g.dispose();
        var jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", jpeg);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .contentType("image/jpeg")
                .body(jpeg.toByteArray())
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(200)
                .body("pickupCode", equalTo(code));
        var blank = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", blank);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .contentType("image/png")
                .header("Accept-Language", "zh")
                .body(blank.toByteArray())
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(422)
                .body("code", equalTo("NO_CODE_IN_IMAGE"))
                .body("title", equalTo("画面中未识别到取药码"));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .contentType("image/png")
                .body(new byte[] {1, 2, 3})
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(415)
                .body("code", equalTo("IMAGE_NOT_PNG_OR_JPEG"));
        var gif = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), "gif", gif);
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .contentType("image/png")
                .body(gif.toByteArray())
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(415)
                .body("code", equalTo("IMAGE_NOT_PNG_OR_JPEG"));
        as(TestTokens.member("DEMO-M001"))
                .contentType("image/png")
                .body(frame)
                .when()
                .post("/api/v1/pharmacy/scan")
                .then()
                .statusCode(403);
    }

    /** A white 6000 × 6000 RGB PNG: about 100 KB on the wire, 108 MB of pixels once decoded. */
    static byte[] imageBomb() throws Exception {
        int side = 6000;
        var raw = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(raw, new java.util.zip.Deflater(9))) {
            byte[] row = new byte[1 + side * 3];
            java.util.Arrays.fill(row, (byte) 0xFF);
            row[0] = 0; // filter: none
            for (int y = 0; y < side; y++) z.write(row);
        }
        var png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        var ihdr = java.nio.ByteBuffer.allocate(13)
                .putInt(side)
                .putInt(side)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        var crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void an_image_bomb_is_refused_from_its_header_before_anything_is_decoded() throws Exception {
        byte[] bomb = imageBomb();
        assertTrue(bomb.length < 200_000, "small on the wire: " + bomb.length);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = java.util.Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                .filter(b -> b > 0)
                .sum();
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                    .contentType("image/png")
                    .body(bomb)
                    .when()
                    .post("/api/v1/pharmacy/scan")
                    .then()
                    .statusCode(413)
                    .body("code", equalTo("IMAGE_TOO_LARGE"));
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long allocated = java.util.Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
                        .filter(b -> b > 0)
                        .sum()
                - before;
        assertTrue(elapsedMs < 5_000, "refused quickly: " + elapsedMs + " ms for 5");
        // decoding one would allocate 108 MB of pixels (five: 540 MB); five refusals together stay under what one
        // decode takes
        // (what they do allocate is the HTTP round trips of 100 KB bodies, on both sides, in this one JVM)
        assertTrue(allocated < 100_000_000L, "the heap stays flat: " + allocated + " bytes allocated");
    }

    @Test
    void a_traceability_code_is_dispensed_once_across_the_system() {
        String box = "TC" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        var a = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        var b = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String codeA = choose(a, approved(a, "D032"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        String codeB = choose(b, approved(b, "D032"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        redeem("DEMO-PH-BJ-01", codeA, a.idNumber(), 0, ",\"traceCodes\":[\"" + box + "\"]")
                .then()
                .statusCode(200);
        redeem("DEMO-PH-BJ-01", codeB, b.idNumber(), 0, ",\"traceCodes\":[\"" + box.toLowerCase() + "\"]")
                .then()
                .statusCode(409)
                .body("code", equalTo("TRACE_CODE_ALREADY_DISPENSED"));
        // the writes are pipelined after the accumulator read; the failing trace-code insert rolls all of them back
        assertEquals(
                0,
                one("select count(*) from dispense where policy_number = $1", b.policyNumber()),
                "the refused dispense left nothing behind");
        assertEquals(
                0,
                one("select count(*) from ledger_entry where policy_number = $1", b.policyNumber()),
                "no ledger rows");
        assertEquals(
                0,
                one(
                        "select coalesce(sum(sum_insured_used_fen), 0) from accumulator where policy_number = $1",
                        b.policyNumber()),
                "accumulator untouched");
        redeem("DEMO-PH-BJ-01", codeB, b.idNumber(), 0, "").then().statusCode(200);
    }

    @Test
    void a_reversal_after_seven_days_is_refused() {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String code = choose(m, approved(m, "D037"), "PICKUP", "DEMO-PH-BJ-01", null)
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        String redemption = redeem("DEMO-PH-BJ-01", code, m.idNumber(), 0, "")
                .then()
                .statusCode(200)
                .extract()
                .path("redemptionId");
        pool.preparedQuery("update dispense set at = '2026-11-15T10:00+08:00' where id = $1")
                .execute(Tuple.of(UUID.fromString(redemption)))
                .await()
                .indefinitely();
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"reasonCode\":\"DAMAGED\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal")
                .then()
                .statusCode(409)
                .body("code", equalTo("REVERSAL_WINDOW_CLOSED"));
        as(TestTokens.pharmacy("DEMO-PH-BJ-01"))
                .body("{\"reasonCode\":\"BROKEN\"}")
                .when()
                .post("/api/v1/pharmacy/redemptions/" + redemption + "/reversal")
                .then()
                .statusCode(400)
                .body("errors[0].code", equalTo("UNKNOWN_VALUE"));
    }
}
