package com.oncopay.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * #22: the warm-up's token is read by the real identity check as the identity provider's tokens are (RS256, compact),
 * names no one, and is refused; a refusal is never remembered, and an identity check that accepted it is an error.
 */
class TokenCheckWarmUpTest {
    /** The engine's identity check as the dev and test profiles configure it: RS256 against the dev public key. */
    private static DefaultJWTParser devParser() throws Exception {
        String pem = Files.readString(Path.of("config/dev-keys/publicKey.pem"));
        JWTAuthContextInfo info =
                new JWTAuthContextInfo(io.smallrye.jwt.util.KeyUtils.decodePublicKey(pem), "https://dev.oncopay.local");
        return new DefaultJWTParser(info);
    }

    private static JsonObject part(String token, int i) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8));
    }

    @Test
    void its_token_is_an_rs256_jws_for_no_one_that_expired_in_2000() {
        String token = TokenCheckWarmUp.madeUpToken();
        assertEquals(3, token.split("\\.").length, "compact JWS: header, claims, signature");
        assertEquals("RS256", part(token, 0).getString("alg"), "the identity provider's algorithm");
        JsonObject claims = part(token, 1);
        assertEquals(TokenCheckWarmUp.NO_ONE, claims.getString("sub"));
        assertEquals("https://warm-up.invalid", claims.getString("iss"));
        assertEquals(946_688_400L, claims.getLong("exp"));
        assertFalse(token.equals(TokenCheckWarmUp.madeUpToken()), "a key of its own each time");
    }

    @Test
    void the_real_identity_check_refuses_it_and_remembers_nothing() throws Exception {
        DefaultJWTParser real = devParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(real);
        String token = TokenCheckWarmUp.madeUpToken();
        assertTrue(TokenCheckWarmUp.refuse(cache, token));
        // refused again on its own: nothing was cached
        assertThrows(ParseException.class, () -> cache.parse(token));
        // a token signed by the dev key passes the same check: the refusal is the signature's, not a broken parser
        String signed = io.smallrye.jwt.build.Jwt.issuer("https://dev.oncopay.local")
                .subject("M-1")
                .expiresIn(60)
                .sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(
                        Files.readString(Path.of("config/dev-keys/privateKey.pem"))));
        JsonWebToken accepted = real.parse(signed);
        assertEquals("M-1", accepted.getSubject());
    }

    @Test
    void an_identity_check_that_accepts_it_is_reported() {
        assertFalse(TokenCheckWarmUp.refuse(new VerifiedTokenCacheTest.CountingParser(), "good exp=4102444800"));
    }

    @Test
    void it_checks_before_the_requests_and_again_in_its_lane_with_one_token_until_cleared() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        DefaultJWTParser real = devParser();
        io.smallrye.jwt.auth.principal.JWTParser recording = new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                seen.add(token);
                return real.parse(token);
            }
        };
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            TokenCheckWarmUp warmUp = new TokenCheckWarmUp(recording, vertx);
            warmUp.set(null).await().atMost(java.time.Duration.ofSeconds(30));
            assertEquals(1, seen.size(), "one check before the requests");
            for (int i = 0; i < 3; i++) warmUp.round().await().atMost(java.time.Duration.ofSeconds(30));
            assertEquals(4, seen.size(), "one more in each round of its lane");
            assertEquals(1, new java.util.HashSet<>(seen).size(), "the same token: one key made");
            warmUp.clear(null).await().atMost(java.time.Duration.ofSeconds(30));
            warmUp.round().await().atMost(java.time.Duration.ofSeconds(30));
            assertEquals(2, new java.util.HashSet<>(seen).size(), "cleared: the key is gone, the next round makes one");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
