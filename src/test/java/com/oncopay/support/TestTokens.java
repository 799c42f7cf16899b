package com.oncopay.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;

/** Tokens signed with the dev key pair, as the test profile's verifier expects them. */
public final class TestTokens {
    public static final String ISSUER = "https://dev.oncopay.local";
    public static final String AUDIENCE = "oncopay-engine";

    private TestTokens() {}

    public static String admin() {
        return token("ADMIN", "admin-1");
    }

    public static String reviewer() {
        return token("REVIEWER", "reviewer-1");
    }

    public static String member(String memberId) {
        return token("MEMBER", memberId);
    }

    public static String pharmacy(String code) {
        return token("PHARMACY", code);
    }

    public static String coordinator(String id) {
        return token("COORDINATOR", id);
    }

    /** A token for {@code role}; the subject doubles as the role's scoping claim. */
    public static String token(String role, String subject) {
        return builder(role, subject).sign();
    }

    public static JwtClaimsBuilder builder(String role, String subject) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(role)
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(10));
        switch (role) {
            case "MEMBER" -> b.claim("member_id", subject);
            case "PHARMACY" -> b.claim("pharmacy_id", subject);
            case "COORDINATOR" -> b.claim("coordinator_id", subject);
            default -> {}
        }
        return b;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
