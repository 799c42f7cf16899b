package com.oncopay.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Dev tokens for engines started as processes (outside Quarkus), signed with config/dev-keys/privateKey.pem the
 * way bench/Tokens.java signs them: RS256, issuer https://dev.oncopay.local, audience oncopay-engine, 1 hour.
 * The subject is who the rate limit and the idempotency keys count as; the scope claim (member_id,
 * pharmacy_id) is what the caller may see.
 */
final class ScenarioTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static PrivateKey key;

    private ScenarioTokens() {}

    static String admin(String subject) {
        return sign("ADMIN", subject, null, null);
    }

    static String member(String memberId) {
        return sign("MEMBER", memberId, "member_id", memberId);
    }

    static String pharmacy(String code) {
        return sign("PHARMACY", code, "pharmacy_id", code);
    }

    /** A pharmacy's token under a subject of its own (e.g. one counter terminal): a rate-limit budget of its own. */
    static String pharmacyAs(String code, String subject) {
        return sign("PHARMACY", subject, "pharmacy_id", code);
    }

    static synchronized String sign(String role, String subject, String claim, String claimValue) {
        try {
            if (key == null) {
                String pem = Files.readString(Path.of("config/dev-keys/privateKey.pem"))
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            }
            long now = System.currentTimeMillis() / 1000;
            String payload = "{\"iss\":\"https://dev.oncopay.local\",\"aud\":\"oncopay-engine\",\"sub\":\"" + subject
                    + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"]"
                    + (claim == null ? "" : ",\"" + claim + "\":\"" + claimValue + "\"")
                    + ",\"iat\":" + (now - 5) + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String input = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }
}
