package com.oncopay.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the fault scenarios of faults-a share: dev tokens signed as {@code bench/Tokens.java} signs them
 * (config/dev-keys, RS256, issuer and audience of the dev profile), plain HTTP calls that never throw (a
 * client-side timeout or a refused connection is a status of its own), members and pickup codes made through
 * the real API, and the one-line figures of a scenario.
 */
final class FaultApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A request not answered within this long is a hang. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    /** Setting data up through the API is no measured load: it may wait longer (a freshly started, cold engine). */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /** Status of a request the client gave up on (timeout) or could not send. */
    static final int NO_ANSWER = -1;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static PrivateKey key;

    private FaultApi() {}

    /** An answer: status (or {@link #NO_ANSWER}), body, headers, and when it was sent and how long it took. */
    record Answer(int status, String body, HttpResponse<String> raw, long startedNanos, long millis) {
        String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        /** The problem code of a problem+json answer. */
        String code() {
            return field("code");
        }

        /** The traceId of a problem+json answer (an unexpected failure's incident in the engine's log). */
        String traceId() {
            return field("traceId");
        }

        private String field(String name) {
            try {
                return JSON.readTree(body).path(name).asText(null);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    static Answer get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(CLIENT_TIMEOUT), token);
    }

    static Answer post(String url, String token, String body, String... headers) {
        return post(CLIENT_TIMEOUT, url, token, body, headers);
    }

    static Answer post(Duration timeout, String url, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b, token);
    }

    /** A setup request: a 503 (no connection in time on a busy machine) is retried, as a client would, up to 5 times. */
    static Answer setupPost(String url, String token, String body) {
        Answer a = post(SETUP_TIMEOUT, url, token, body);
        for (int i = 0; i < 5 && a.status() == 503; i++) {
            FaultSupport.sleep(1_000);
            a = post(SETUP_TIMEOUT, url, token, body);
        }
        return a;
    }

    private static Answer send(HttpRequest.Builder b, String token) {
        if (token != null) b.header("Authorization", "Bearer " + token);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r, t0, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.toString(), null, t0, (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, "interrupted", null, t0, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The status (UP, DOWN) of the health check whose name starts with {@code check} in /q/health/{@code group}. */
    static String check(EngineProcess engine, String group, String check) {
        Answer a = get(engine.managementUrl() + "/q/health/" + group, null);
        if (a.status() == NO_ANSWER) return "NO_ANSWER";
        for (JsonNode c : a.json().path("checks"))
            if (c.path("name").asText().startsWith(check))
                return c.path("status").asText();
        return "MISSING";
    }

    // --- dev tokens ---

    static String admin() {
        return token("ADMIN", "faults-admin", null);
    }

    static String member(String memberId) {
        return token("MEMBER", memberId, "member_id");
    }

    static String pharmacy(String code) {
        return token("PHARMACY", code, "pharmacy_id");
    }

    static synchronized String token(String role, String subject, String scopeClaim) {
        try {
            if (key == null) {
                String pem = Files.readString(EngineProcess.root().resolve("config/dev-keys/privateKey.pem"))
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            }
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String payload = "{\"iss\":\"https://dev.oncopay.local\",\"aud\":\"oncopay-engine\",\"sub\":\"" + subject
                    + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"]"
                    + (scopeClaim == null ? "" : ",\"" + scopeClaim + "\":\"" + subject + "\"") + ",\"iat\":" + now
                    + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(rsa.sign());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    // --- data through the API (as bench/run makes its template and support/Fixtures its members) ---

    record Member(String memberId, String idNumber, String policyNumber) {}

    record Code(Member member, String prescriptionId, String fulfilmentId, String pickupCode, String pharmacy) {}

    /** A resident identity number born 1970-03-01 with its check character (GB 11643, ISO 7064 MOD 11-2). */
    static String residentId() {
        String first17 = "11010519700301"
                + String.format("%03d", ThreadLocalRandom.current().nextInt(100, 900));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * w[i];
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** A DEMO-GOLD member for 2026 with a first lung-cancer diagnosis: eligible for D001. */
    static Member newMember(String base, String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String idNumber = residentId();
        String policy = "P" + id;
        expect(201, setupPost(base + "/api/v1/policies", admin(), """
                {"policyNumber":"%s","productCode":"DEMO-GOLD","member":{"memberId":"%s","name":"故障演练","idType":"RESIDENT_ID",
                 "idNumber":"%s","birthDate":"1970-03-01","mainlandCitizen":true,"socialInsurance":false},
                 "effectiveDate":"2026-01-01","expiryDate":"2026-12-31"}""".formatted(policy, id, idNumber)));
        expect(
                201,
                setupPost(
                        base + "/api/v1/members/" + id + "/diagnoses",
                        admin(),
                        "{\"icd10\":\"C34.9\",\"diagnosedOn\":\"2026-05-01\",\"hospitalCode\":\"DEMO-H-BJ-01\",\"specialist\":true,\"firstEver\":true}"));
        return new Member(id, idNumber, policy);
    }

    /** The member's prescription of D001 (approved at once) and their choice of PICKUP at {@code pharmacy}: one dispatch event. */
    static Code pickup(String base, Member m, String pharmacy) {
        String prescription = expect(201, setupPost(base + "/api/v1/prescriptions", member(m.memberId()), """
                        {"memberId":"%s","drugId":"D001","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"故障医生",
                         "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}""".formatted(
                                m.memberId())))
                .json()
                .path("prescriptionId")
                .asText();
        JsonNode chosen = expect(
                        201,
                        setupPost(
                                base + "/api/v1/prescriptions/" + prescription + "/fulfilment",
                                member(m.memberId()),
                                "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacy + "\"}"))
                .json();
        return new Code(
                m,
                prescription,
                chosen.path("fulfilmentId").asText(),
                chosen.path("pickupCode").asText(),
                pharmacy);
    }

    /** The counter redeems {@code c} with its own Idempotency-Key. */
    static Answer redeem(String base, Code c, String idempotencyKey) {
        return post(
                base + "/api/v1/pharmacy/redemptions",
                pharmacy(c.pharmacy()),
                "{\"pickupCode\":\"" + c.pickupCode() + "\",\"idNumber\":\""
                        + c.member().idNumber() + "\",\"prescriptionCollected\":true,\"socialInsurancePaidFen\":0}",
                "Idempotency-Key",
                idempotencyKey);
    }

    static Answer expect(int status, Answer a) {
        if (a.status() != status)
            throw new AssertionError("expected " + status + " but got " + a.status() + ": " + a.body());
        return a;
    }
}
