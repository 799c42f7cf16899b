package com.oncopay.prescription;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.oncopay.support.EngineHttp;
import com.oncopay.support.Fixtures;
import com.oncopay.support.JazzerOutsideQuarkus;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #21 item 11: any bytes as the body of {@code POST /api/v1/prescriptions}, sent through HTTP by a member
 * with a policy and a diagnosis, answer one of the documented statuses, never a 500; every refusal is a
 * problem+json body with a code. {@code $MEMBER} in an input stands for the fixture's member id, so that
 * the seeds (in {@code SubmissionBodyFuzzTestInputs/submit/}) reach the rules behind validation.
 * Jazzer fuzzes it only with JAZZER_FUZZ set (the surefire execution {@code fuzz}); otherwise the kept
 * inputs are replayed.
 */
@ExtendWith(JazzerOutsideQuarkus.class) // first: Quarkus's interceptor would otherwise swallow the fuzzing
@QuarkusTest
class SubmissionBodyFuzzTest {
    static final Set<Integer> DOCUMENTED = Set.of(201, 400, 403, 404, 409, 413, 415, 422);

    /** The member, per class loader: Jazzer calls the target on JUnit's instance, replays on Quarkus's. */
    private static volatile Member member;

    record Member(String id, String token) {}

    static synchronized Member member() {
        if (member == null) {
            String admin = EngineHttp.token("ADMIN", "admin-fuzz");
            String id = "M-FUZZ-" + UUID.randomUUID().toString().substring(0, 8);
            EngineHttp.expect(
                    201, "/api/v1/policies", admin, """
                    {"policyNumber":"POL-%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"模糊测试会员",
                     "idType":"RESIDENT_ID","idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,
                     "socialInsurance":false},"effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(id, id, Fixtures.residentId("1970-03-01", 321)));
            EngineHttp.expect(201, "/api/v1/members/" + id + "/diagnoses", admin, """
                    {"icd10":"C34.9","diagnosedOn":"2026-05-01","hospitalCode":"DEMO-H-BJ-01","specialist":true,"firstEver":true}""");
            member = new Member(id, EngineHttp.token("MEMBER", id));
        }
        return member;
    }

    @FuzzTest(maxDuration = "25s")
    @DictionaryEntries({
        "\"memberId\":",
        "\"drugId\":\"D001\"",
        "\"packs\":",
        "\"daysSupply\":",
        "\"prescribedOn\":\"2026-11-23\"",
        "\"validDays\":",
        "\"prescriberName\":",
        "\"hospitalCode\":\"DEMO-H-BJ-01\"",
        "\"diagnosisIcd10\":\"C34.9\"",
        "\"clinical\":{",
        "\"biomarkers\":{",
        "\"applicant\":{",
        "\"documents\":[",
        "\"receivedAt\":",
        "\\u0000",
        "\\ud800",
        "null",
        "-1",
        "1e999",
        "99999999999999999999",
        "[]",
        "{}",
        "$MEMBER"
    })
    void submit(byte[] input) {
        Member m = member();
        byte[] body = new String(input, StandardCharsets.UTF_8)
                .replace("$MEMBER", m.id())
                .getBytes(StandardCharsets.UTF_8);
        var answer = EngineHttp.post(
                "/api/v1/prescriptions",
                m.token(),
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertTrue(DOCUMENTED.contains(answer.status()), () -> answer.status() + " " + answer.body());
        if (answer.status() >= 400)
            assertTrue(
                    answer.contentType().startsWith("application/problem+json")
                            && answer.body().contains("\"code\""),
                    () -> answer.status() + " " + answer.contentType() + " " + answer.body());
    }
}
