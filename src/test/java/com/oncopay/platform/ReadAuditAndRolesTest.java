package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Reads of personal data and refused probes are audited; the engine's database role only appends to the audit log (issue 17). */
@QuarkusTest
class ReadAuditAndRolesTest {
    @Inject
    Pool pool;

    long audits(String actor, String action, String objectId) {
        return pool.preparedQuery("select count(*) from audit_log where actor = $1 and action = $2 and object_id = $3")
                .execute(Tuple.of(actor, action, objectId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what);
            Thread.sleep(100);
        }
    }

    @Test
    void staff_reads_of_personal_data_are_audited_a_member_reading_their_own_is_not() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String subject = Fixtures.unique("reviewer");
        String reviewer = TestTokens.bearer(TestTokens.token("REVIEWER", subject));
        given().header("Authorization", reviewer)
                .when()
                .get("/api/v1/policies/" + m.policyNumber())
                .then()
                .statusCode(200);
        given().header("Authorization", reviewer)
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001")
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.member(m.memberId())))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001")
                .then()
                .statusCode(200);
        eventually(
                "the reviewer's reads are audited",
                () -> audits(subject, "POLICY_READ", m.policyNumber()) == 1
                        && audits(subject, "ELIGIBILITY_READ", m.memberId()) == 1);
        Thread.sleep(1500); // a flush later: still nothing for the member's own read
        assertEquals(0, audits(m.memberId(), "ELIGIBILITY_READ", m.memberId()));
    }

    /** The reads the audit log holds for one caller, action and object: each row counts {@code detail.reads}, or one. */
    long reads(String actor, String action, String objectId) {
        return pool.preparedQuery("select coalesce(sum(coalesce((detail ->> 'reads')::int, 1)), 0) from audit_log"
                        + " where actor = $1 and action = $2 and object_id = $3")
                .execute(Tuple.of(actor, action, objectId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void the_same_staff_read_repeated_at_once_is_audited_in_one_row_that_counts_it() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String subject = Fixtures.unique("reviewer");
        String reviewer = TestTokens.bearer(TestTokens.token("REVIEWER", subject));
        int repeats = 40;
        for (int i = 0; i < repeats; i++)
            given().header("Authorization", reviewer)
                    .when()
                    .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001")
                    .then()
                    .statusCode(200);
        eventually("every read is counted", () -> reads(subject, "ELIGIBILITY_READ", m.memberId()) == repeats);
        long rows = audits(subject, "ELIGIBILITY_READ", m.memberId());
        assertTrue(rows >= 1 && rows < repeats, "repeats within a flush share a row: " + rows + " rows");
        var detail = pool.preparedQuery("select detail from audit_log where actor = $1 and action = 'ELIGIBILITY_READ'"
                        + " order by (detail ->> 'reads')::int desc nulls last limit 1")
                .execute(Tuple.of(subject))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getJsonObject(0);
        assertEquals(m.memberId(), detail.getString("memberId"), "the detail as it was, with the count beside it");
        assertTrue(detail.getInteger("reads") > 1, detail.encode());
    }

    @Inject
    com.oncopay.platform.audit.ReadAudit readAudit;

    /**
     * A burst of reads larger than one batch ({@code ReadAudit.BATCH}, written as one statement each): every read is
     * written once, each value in its own column and the detail as JSON.
     */
    @Test
    void a_burst_of_reads_is_written_in_batches_each_entry_whole() throws Exception {
        String subject = Fixtures.unique("auditor");
        int reads = com.oncopay.platform.audit.ReadAudit.BATCH + 345;
        for (int i = 0; i < reads; i++)
            readAudit.record(new com.oncopay.platform.audit.AuditEntry(
                    subject, "REVIEWER", "BURST_READ", "member", "M-" + i, java.util.Map.of("memberId", "张三-" + i)));
        eventually("the burst is written", () -> audits(subject) == reads);
        var row = pool.preparedQuery(
                        "select actor_role, object_type, detail ->> 'memberId', count(*) over () from audit_log"
                                + " where actor = $1 and action = 'BURST_READ' and object_id = 'M-1234'")
                .execute(Tuple.of(subject))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals("REVIEWER", row.getString(0));
        assertEquals("member", row.getString(1));
        assertEquals("张三-1234", row.getString(2), "the detail is JSON, its value beside its own object");
        assertEquals(1L, row.getLong(3), "written once");
    }

    long audits(String actor) {
        return pool.preparedQuery("select count(*) from audit_log where actor = $1")
                .execute(Tuple.of(actor))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_refused_object_level_probe_is_audited_with_who_and_where() throws Exception {
        var owner = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        String prober = Fixtures.unique("M");
        given().header("Authorization", TestTokens.bearer(TestTokens.member(prober)))
                .when()
                .get("/api/v1/members/" + owner.memberId() + "/prescriptions")
                .then()
                .statusCode(404);
        String path = "GET /api/v1/members/" + owner.memberId() + "/prescriptions";
        eventually("the probe is audited", () -> audits(prober, "ACCESS_DENIED", path) == 1);
        // a pharmacy estimating a prescription it has nothing to do with: 404 as well, and audited
        String prescription = given().header("Authorization", TestTokens.bearer(TestTokens.member(owner.memberId())))
                .contentType("application/json")
                .body("""
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(owner.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("prescriptionId");
        String pharmacy = "DEMO-PH-SH-01";
        given().header("Authorization", TestTokens.bearer(TestTokens.pharmacy(pharmacy)))
                .contentType("application/json")
                .body("{\"pharmacyCode\":\"" + pharmacy + "\",\"socialInsurancePaidFen\":0}")
                .when()
                .post("/api/v1/prescriptions/" + prescription + "/estimate")
                .then()
                .statusCode(404);
        eventually(
                "the estimate probe is audited",
                () -> audits(pharmacy, "ACCESS_DENIED", "POST /api/v1/prescriptions/" + prescription + "/estimate")
                        == 1);
    }

    @Test
    void the_engine_runs_as_a_role_that_owns_nothing_and_can_only_append_to_the_audit_log() {
        String user = pool.query("select current_user")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
        assertEquals("oncopay_app", user);
        long owned = pool.query(
                        "select count(*) from pg_tables where schemaname = 'oncopay' and tableowner = current_user")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        assertEquals(0, owned, "owns no table");
        pool.query("insert into audit_log (actor, actor_role, action, object_type, object_id, detail) "
                        + "values ('test', 'TEST', 'ROLE_CHECK', 'test', 'x', '{}')")
                .execute()
                .await()
                .indefinitely();
        for (String sql : new String[] {
            "update audit_log set actor = 'x' where action = 'ROLE_CHECK'",
            "delete from audit_log where action = 'ROLE_CHECK'",
            "truncate audit_log",
            "create table oncopay.intruder (x int)",
            "drop table oncopay.member"
        }) {
            PgException e = assertThrows(
                    PgException.class, () -> pool.query(sql).execute().await().indefinitely(), sql);
            assertTrue(e.getSqlState().equals("42501"), sql + ": " + e.getMessage());
        }
    }
}
