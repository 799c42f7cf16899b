package com.oncopay.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.platform.time.PinnedClock;
import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real headless Chromium (Debian's package, installed by scripts/browser-up),
 * driven by playwright-core through {@code e2e/run.mjs}. Each scenario's data is made here
 * through the API; the browser does what the user does; the outcome is checked again here
 * through the API. Screenshots of every page land in target/e2e-screenshots.
 */
@QuarkusTest
class BrowserEndToEndTest {
    static final Path E2E = Path.of("e2e");
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    static final String PHARMACY = "DEMO-PH-BJ-01";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeAll
    static void browserIsInstalled() {
        assertTrue(
                new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")).canExecute()
                        && Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
                "the browser tests need Debian's chromium and playwright-core: run scripts/browser-up (scripts/test does)");
    }

    /** The 规格 the test prescriptions write (#23: shown at the counter next to the packs). */
    static final String PACK_SIZE = "100mg/4ml/瓶";

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType("application/json");
    }

    static String approved(Fixtures.Member m, String drug) {
        return as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"%s","packs":1,"packSize":"%s","daysSupply":21,"prescribedOn":"2026-11-23",
                 "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(m.memberId(), drug, PACK_SIZE))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .extract()
                .path("prescriptionId");
    }

    long streamPosition(String pharmacy) {
        var rows = pool.preparedQuery("select coalesce(max(last_seq), 0) from pharmacy_stream where pharmacy_code = $1")
                .execute(Tuple.of(pharmacy))
                .await()
                .indefinitely();
        return rows.iterator().next().getLong(0);
    }

    /** Runs one scenario of e2e/run.mjs; its output is the failure message. */
    String browser(String scenario, Map<String, Object> data) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        ProcessBuilder pb =
                new ProcessBuilder("node", E2E.resolve("run.mjs").toString(), scenario).redirectErrorStream(true);
        pb.environment().put("BASE_URL", "http://localhost:" + port);
        pb.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        pb.environment().put("E2E_DATA", new ObjectMapper().writeValueAsString(data));
        Process p = pb.start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "scenario " + scenario + " did not finish in 120 s:\n" + out);
        assertEquals(
                0, p.exitValue(), "scenario " + scenario + " failed (screenshots in " + SCREENSHOTS + "):\n" + out);
        assertTrue(out.contains("PASS " + scenario), out);
        return out;
    }

    @Test
    void the_counter_redeems_a_code_the_member_reserved_live_shows_the_split_and_refuses_a_second_redemption()
            throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String prescription = approved(m, "D001");
        Map<String, Object> data = new HashMap<>();
        data.put("pharmacy", PHARMACY);
        data.put("memberId", m.memberId());
        data.put("idNumber", m.idNumber());
        data.put("prescriptionId", prescription);
        data.put("drugId", "D001");
        // GOLD, no social insurance, D001 at the demo Beijing price (FulfilmentResourceTest); ¥ with separators (#23)
        data.put("insurerPays", "¥9,042.60");
        data.put("memberPays", "¥8,875.40");
        data.put("brandName", "可瑞达");
        data.put("genericName", "帕博利珠单抗注射液");
        data.put("packSize", PACK_SIZE);
        data.put("dispensedOn", "2026-11-23");
        data.put("streamBefore", streamPosition(PHARMACY));
        String traceCode = "TC"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
        data.put("traceCode", traceCode);
        browser("counter", data);
        assertEquals(
                1L,
                pool.preparedQuery("select count(*) from trace_code where code = $1")
                        .execute(Tuple.of(traceCode))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0),
                "the scanned trace code went with the redemption");
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/prescriptions/" + prescription)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPENSED"));
        var used = pool.preparedQuery("select sum_insured_used_fen from accumulator where policy_number = $1")
                .execute(Tuple.of(m.policyNumber()))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        assertEquals(
                904260L, used, "the accumulator moved once, by what the insurer paid (the retried confirmation too)");
    }

    /** A redemption of D001 through the API: the member's pickup code redeemed at the demo Beijing pharmacy. */
    static String redeemed(Fixtures.Member m) {
        String code = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + PHARMACY + "\"}")
                .when()
                .post("/api/v1/prescriptions/" + approved(m, "D001") + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("pickupCode");
        return as(TestTokens.pharmacy(PHARMACY))
                .body("{\"pickupCode\":\"" + code + "\",\"idNumber\":\"" + m.idNumber()
                        + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions")
                .then()
                .statusCode(200)
                .extract()
                .path("redemptionId");
    }

    /**
     * #23: the counter reverses from its list of recent redemptions (a pharmacy of this test alone, so that the
     * list holds only its two redemptions), with a reason in words and a confirmation step.
     */
    @Test
    void the_counter_reverses_a_recent_redemption_from_the_list_after_a_confirmation() throws Exception {
        String ph = com.oncopay.fulfilment.RecentRedemptionsTest.freshPharmacy();
        String recent = com.oncopay.fulfilment.RecentRedemptionsTest.redeemed(ph, "D001");
        String old = com.oncopay.fulfilment.RecentRedemptionsTest.redeemed(ph, "D037");
        pool.preparedQuery("update dispense set at = '2026-11-15T10:00+08:00' where id = $1")
                .execute(Tuple.of(UUID.fromString(old)))
                .await()
                .indefinitely();
        browser(
                "reverse",
                Map.of(
                        "pharmacy", ph,
                        "redemptionId", recent,
                        "oldRedemptionId", old,
                        "brandName", "可瑞达",
                        "insurerPays", "¥9,042.60"));
        as(TestTokens.pharmacy(ph))
                .when()
                .get("/api/v1/pharmacies/" + ph + "/redemptions")
                .then()
                .statusCode(200)
                .body("items.find { it.redemptionId == '" + recent + "' }.reversed", equalTo(true))
                .body("items.find { it.redemptionId == '" + old + "' }.reversed", equalTo(false));
    }

    /**
     * #23: the member's phone finds a drug by pinyin, checks the phone number with the focus on it, keeps the
     * pickup code across a reload (encrypted on the device) and re-issues it: the first code no longer works.
     */
    @Test
    void the_member_finds_a_drug_by_pinyin_and_the_pickup_code_survives_a_reload_and_is_reissued() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String out = browser(
                "membercode",
                Map.of("memberId", m.memberId(), "prescriptionId", approved(m, "D001"), "pharmacy", PHARMACY));
        String[] codes = out.lines()
                .filter(l -> l.startsWith("CODES "))
                .findFirst()
                .orElseThrow()
                .substring(6)
                .trim()
                .split(" ");
        as(TestTokens.pharmacy(PHARMACY))
                .body("{\"pickupCode\":\"" + codes[0] + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        as(TestTokens.pharmacy(PHARMACY))
                .body("{\"pickupCode\":\"" + codes[1] + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/pharmacy/redemptions/preview")
                .then()
                .statusCode(200);
    }

    /** #20 item 6: a misuse flag opens a receivable; the member's phone shows it with its reason in words. */
    @Test
    void the_member_sees_what_they_owe_after_a_misuse_flag_with_the_reason_in_chinese() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        redeemed(m);
        String receivable = as(TestTokens.reviewer())
                .body("{\"reason\":\"经核查非本人取药\"}")
                .when()
                .post("/api/v1/members/" + m.memberId() + "/misuse-flag")
                .then()
                .statusCode(201)
                .body("receivables[0].amountFen", equalTo(904260))
                .extract()
                .path("receivables[0].receivableId");
        browser(
                "owe",
                Map.of(
                        "memberId", m.memberId(),
                        "receivableId", receivable,
                        "amount", "¥9,042.60",
                        "dueOn", "2026年12月23日",
                        "brandName", "可瑞达"));
    }

    /** #20 item 6: the reviewer denies a claim from the claims tab with a labelled reason and sees the decision. */
    @Test
    void the_reviewer_denies_a_claim_from_the_claims_tab_and_sees_its_history() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        redeemed(m);
        String claim = as(TestTokens.reviewer())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/claims")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("UNDER_INVESTIGATION"))
                .extract()
                .path("items[0].claimId");
        browser("claims", Map.of("claimId", claim, "brandName", "可瑞达", "amount", "¥9,042.60"));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/members/" + m.memberId() + "/claims")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("LIABILITY_DENIED"))
                .body("items[0].reasonCode", equalTo("WAITING_PERIOD"));
    }

    @Test
    void delivery_is_refused_with_the_reason_for_nrdl_and_cold_chain_and_a_booked_delivery_reaches_the_counter_live()
            throws Exception {
        var si = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        Map<String, Object> data = new HashMap<>();
        data.put("pharmacy", PHARMACY);
        data.put("noColdChainPharmacy", "DEMO-PH-SH-01");
        data.put("nrdlMemberId", si.memberId());
        data.put("nrdlPrescriptionId", approved(si, "D031"));
        data.put("memberId", m.memberId());
        data.put("prescriptionId", approved(m, "D001"));
        data.put("streamBefore", streamPosition(PHARMACY));
        browser("delivery", data);
        as(TestTokens.member(m.memberId()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/fulfilments")
                .then()
                .statusCode(200)
                .body("items[0].mode", equalTo("DELIVERY"))
                .body("items[0].status", equalTo("ACCEPTED"));
        as(TestTokens.member(si.memberId()))
                .when()
                .get("/api/v1/members/" + si.memberId() + "/fulfilments")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    /** 004: 「最新版本清单以官方网站公示为准」: the public list, without signing in. */
    @Test
    void anyone_lists_and_searches_the_covered_drugs_without_signing_in() throws Exception {
        browser("drugs", Map.of());
    }

    @Test
    void the_coordinator_moves_a_case_through_submission() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String coordinator = Fixtures.unique("coord-e2e");
        String out = browser(
                "coordinator",
                Map.of(
                        "coordinator",
                        coordinator,
                        "memberId",
                        m.memberId(),
                        "programCode",
                        "AID-PEMBRO-DEMO",
                        "drugId",
                        "D001",
                        "brandName",
                        "可瑞达"));
        String caseId = out.lines()
                .filter(l -> l.startsWith("CASE "))
                .findFirst()
                .orElseThrow()
                .substring(5)
                .trim();
        as(TestTokens.coordinator(coordinator))
                .when()
                .get("/api/v1/aid-cases/" + caseId)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("memberId", equalTo(m.memberId()));
    }

    /**
     * #23: the counter's hospital transfer in Chinese throughout (labels, buttons, states, messages): a CAR-T
     * sent by cold chain, then the hospital's signed receipt recorded, which settles it like a redemption.
     */
    @Test
    void the_counter_sends_a_cell_therapy_to_the_hospital_and_records_its_receipt_all_in_chinese() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C83.3", "2026-05-01");
        String p = pendingCarT(m, "2026-11-23");
        as(TestTokens.reviewer())
                .body("{\"decision\":\"APPROVE\"}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/review")
                .then()
                .statusCode(200);
        String f = as(TestTokens.member(m.memberId()))
                .body("{\"mode\":\"HOSPITAL\",\"pharmacyCode\":\"" + PHARMACY + "\",\"hospitalCode\":\"DEMO-H-BJ-01\"}")
                .when()
                .post("/api/v1/prescriptions/" + p + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        browser("transfer", Map.of("fulfilmentId", f, "brandName", "奕凯达"));
        var row = pool.preparedQuery(
                        "select f.status, (select count(*) from dispense d where d.prescription_id = f.prescription_id)"
                                + " from fulfilment f where f.id = $1")
                .execute(Tuple.of(UUID.fromString(f)))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals("HOSPITAL_RECEIVED", row.getString(0));
        assertEquals(1L, row.getLong(1), "the receipt settled one dispense");
    }

    @Test
    void the_reviewer_approves_a_pending_prescription_from_the_queue_and_sees_which_due_dates_are_provisional()
            throws Exception {
        String id = pendingCarT("2026-11-23");
        String provisional;
        try {
            ((PinnedClock) clock)
                    .pinTo(java.time.OffsetDateTime.parse("2026-12-20T10:00:00+08:00")
                            .toInstant()); // due in January 2027
            provisional = pendingCarT("2026-12-20");
        } finally {
            ((PinnedClock) clock)
                    .pinTo(java.time.OffsetDateTime.parse("2026-11-23T10:00:00+08:00")
                            .toInstant());
        }
        browser("reviewer", Map.of("prescriptionId", id, "provisionalId", provisional));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/prescriptions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
    }

    @Test
    void a_hostile_tracking_number_stored_before_the_pattern_shows_as_text_and_runs_nothing() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String fulfilment = as(TestTokens.member(m.memberId()))
                .body(
                        "{\"mode\":\"DELIVERY\",\"pharmacyCode\":\"DEMO-PH-BJ-01\",\"address\":"
                                + "{\"province\":\"北京\",\"city\":\"北京\",\"district\":\"东城区\",\"line\":\"某街1号\",\"phone\":\"13800000000\"}}")
                .when()
                .post("/api/v1/prescriptions/" + approved(m, "D001") + "/fulfilment")
                .then()
                .statusCode(201)
                .extract()
                .path("fulfilmentId");
        String hostile = "<img src=x onerror=\"window.__xss=1\">";
        // the API refuses it now …
        as(TestTokens.pharmacy(PHARMACY))
                .body("{\"status\":\"ACCEPTED\"}")
                .when()
                .post("/api/v1/deliveries/" + fulfilment + "/status")
                .then()
                .statusCode(200);
        as(TestTokens.pharmacy(PHARMACY))
                .body(java.util.Map.of("status", "SHIPPED", "trackingNo", hostile))
                .when()
                .post("/api/v1/deliveries/" + fulfilment + "/status")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("trackingNo"));
        // … but one stored before the pattern must still be harmless on the page
        pool.preparedQuery("update fulfilment set tracking_no = $2 where id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(fulfilment), hostile))
                .await()
                .indefinitely();
        browser("hostile", Map.of("memberId", m.memberId(), "fulfilmentId", fulfilment, "hostile", hostile));
    }

    String pendingCarT(String on) {
        return pendingCarT(Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C83.3", "2026-05-01"), on);
    }

    String pendingCarT(Fixtures.Member m, String on) {
        return as(TestTokens.member(m.memberId()))
                .body("""
                {"memberId":"%s","drugId":"D104","packs":1,"daysSupply":1,"prescribedOn":"%s","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C83.3",
                 %s}""".formatted(m.memberId(), on, Fixtures.CAR_T_MATERIALS))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_REVIEW"))
                .extract()
                .path("prescriptionId");
    }
}
