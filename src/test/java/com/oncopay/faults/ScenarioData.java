package com.oncopay.faults;

import static com.oncopay.faults.ScenarioApi.expect;
import static com.oncopay.faults.ScenarioApi.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.oncopay.coverage.domain.ResidentId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a scenario needs, made through the real API the way bench/run makes its template: a DEMO-GOLD policy with
 * its member (ADMIN), a first diagnosis, an approved prescription (the member), then the member chooses PICKUP at
 * a pharmacy, which gives the pickup code (and the pharmacy's PICKUP_RESERVED event).
 */
final class ScenarioData {
    /** One pickup code ready to be redeemed, with what the counter and the checks need. */
    record Code(
            String memberId,
            String idNumber,
            String policyNumber,
            String prescriptionId,
            String fulfilmentId,
            String pickupCode,
            String pharmacy) {
        String redeemBody() {
            return "{\"pickupCode\":\"" + pickupCode + "\",\"idNumber\":\"" + idNumber
                    + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}";
        }
    }

    private static final AtomicInteger SEQ = new AtomicInteger();

    private ScenarioData() {}

    static Code pickupCode(String base, String pharmacy, String drugId) {
        int n = SEQ.incrementAndGet();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String memberId = "FB-" + run + "-" + n;
        String policy = "FBP-" + run + "-" + n;
        String birth = LocalDate.of(1968, 1, 1).plusDays(n * 7L % 3650).toString();
        String first17 = "110105" + birth.replace("-", "") + String.format("%03d", 100 + n % 800);
        String idNumber = first17 + ResidentId.checkCharacter(first17);
        String admin = ScenarioTokens.admin("fb-admin-" + run + "-" + n);
        expect(
                201,
                post(base, "/api/v1/policies", admin, null, """
                        {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"故障演练",
                         "idType":"RESIDENT_ID","idNumber":"%s","birthDate":"%s","mainlandCitizen":true,"socialInsurance":false},
                         "effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(policy, memberId, idNumber, birth)),
                "policy");
        expect(
                201,
                post(
                        base,
                        "/api/v1/members/" + memberId + "/diagnoses",
                        admin,
                        null,
                        "{\"icd10\":\"C34.9\",\"diagnosedOn\":\"2026-05-01\",\"hospitalCode\":\"DEMO-H-BJ-01\",\"specialist\":true,\"firstEver\":true}"),
                "diagnosis");
        String member = ScenarioTokens.member(memberId);
        JsonNode p = expect(
                201,
                post(base, "/api/v1/prescriptions", member, null, """
                        {"memberId":"%s","drugId":"%s","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23",
                         "prescriberName":"演练医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(memberId, drugId)),
                "prescription");
        if (!"APPROVED".equals(p.path("status").asText()))
            throw new AssertionError("prescription not approved at once: " + p);
        String prescription = p.path("prescriptionId").asText();
        JsonNode chosen = expect(
                201,
                post(
                        base,
                        "/api/v1/prescriptions/" + prescription + "/fulfilment",
                        member,
                        null,
                        "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacy + "\"}"),
                "pickup");
        return new Code(
                memberId,
                idNumber,
                policy,
                prescription,
                chosen.path("fulfilmentId").asText(),
                chosen.path("pickupCode").asText(),
                pharmacy);
    }

    /** {@code count} codes made by a few parallel workers, each on the next of {@code bases}. */
    static List<Code> pickupCodes(ScenarioApi api, int count, String pharmacy, String drugId) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Code>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String base = api.next();
                made.add(workers.submit(() -> pickupCode(base, pharmacy, drugId)));
            }
            List<Code> codes = new ArrayList<>();
            for (Future<Code> f : made) codes.add(f.get());
            return codes;
        } finally {
            workers.shutdownNow();
        }
    }
}
