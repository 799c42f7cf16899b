package com.oncopay.fulfilment;

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
 * #21 item 11: any bytes as the body of the counter's redemption ({@code POST /api/v1/pharmacy/redemptions}),
 * sent through HTTP by the pharmacy with a fresh Idempotency-Key, answer one of the documented statuses,
 * never a 500; every refusal is a problem+json body with a code. In an input {@code $CODE} stands for a
 * live pickup code reserved at this pharmacy and {@code $ID} for its member's identity number, so that the
 * seeds (in {@code RedemptionBodyFuzzTestInputs/redeem/}) reach the money behind validation: the first
 * valid one redeems, later ones meet the used code.
 */
@ExtendWith(JazzerOutsideQuarkus.class) // first: Quarkus's interceptor would otherwise swallow the fuzzing
@QuarkusTest
class RedemptionBodyFuzzTest {
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final Set<Integer> DOCUMENTED = Set.of(200, 400, 403, 404, 409, 410, 413, 415, 422);

    /** Per class loader: Jazzer calls the target on JUnit's instance, the replay runs on Quarkus's. */
    private static volatile Counter counter;

    record Counter(String token, String code, String idNumber) {}

    static synchronized Counter counter() {
        if (counter == null) {
            String admin = EngineHttp.token("ADMIN", "admin-fuzz");
            String member = "M-FUZZ-" + UUID.randomUUID().toString().substring(0, 8);
            String id = Fixtures.residentId("1970-03-01", 654);
            EngineHttp.expect(201, "/api/v1/policies", admin, """
                    {"policyNumber":"POL-%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"模糊测试会员",
                     "idType":"RESIDENT_ID","idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,
                     "socialInsurance":false},"effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(member, member, id));
            EngineHttp.expect(201, "/api/v1/members/" + member + "/diagnoses", admin, """
                    {"icd10":"C34.9","diagnosedOn":"2026-05-01","hospitalCode":"DEMO-H-BJ-01","specialist":true,"firstEver":true}""");
            String memberToken = EngineHttp.token("MEMBER", member);
            String prescription = EngineHttp.expect(201, "/api/v1/prescriptions", memberToken, """
                            {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23",
                             "prescriberName":"李医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(member))
                    .get("prescriptionId")
                    .asText();
            String code = EngineHttp.expect(
                            201,
                            "/api/v1/prescriptions/" + prescription + "/fulfilment",
                            memberToken,
                            "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + PHARMACY + "\"}")
                    .get("pickupCode")
                    .asText();
            counter = new Counter(EngineHttp.token("PHARMACY", PHARMACY), code, id);
        }
        return counter;
    }

    @FuzzTest(maxDuration = "25s")
    @DictionaryEntries({
        "\"pickupCode\":\"$CODE\"",
        "\"idNumber\":\"$ID\"",
        "\"prescriptionCollected\":true",
        "\"socialInsurancePaidFen\":",
        "\"traceCodes\":[",
        "\"documents\":{",
        "\"collector\":{",
        "\"relation\":\"SPOUSE\"",
        "\"name\":",
        "\"idNumber\":",
        "\"powerOfAttorneySeen\":true",
        "\"memberIdSeen\":true",
        "\\u0000",
        "\\ud800",
        "null",
        "-1",
        "1e999",
        "99999999999999999999",
        "[]",
        "{}"
    })
    void redeem(byte[] input) {
        Counter c = counter();
        byte[] body = new String(input, StandardCharsets.UTF_8)
                .replace("$CODE", c.code())
                .replace("$ID", c.idNumber())
                .getBytes(StandardCharsets.UTF_8);
        var answer = EngineHttp.post(
                "/api/v1/pharmacy/redemptions",
                c.token(),
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
