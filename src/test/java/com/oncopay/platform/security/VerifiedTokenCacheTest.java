package com.oncopay.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    /** A parser that counts verifications and answers tokens expiring at the epoch second after "exp=". */
    static final class CountingParser extends DefaultJWTParser {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger claimReads = new AtomicInteger();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.incrementAndGet();
            if (token.startsWith("bad")) throw new ParseException("forged");
            long exp = Long.parseLong(token.substring(token.indexOf("exp=") + 4));
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return token;
                }

                @Override
                public Set<String> getClaimNames() {
                    return Set.of("exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String name) {
                    claimReads.incrementAndGet();
                    if ("pharmacyId".equals(name)) return (T) "PH-1";
                    return "exp".equals(name) ? (T) Long.valueOf(exp) : null;
                }
            };
        }
    }

    @Test
    void a_verified_token_is_not_verified_again_until_it_expires() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(parser);
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        JsonWebToken first = cache.parse("a exp=" + inAnHour);
        assertSame(first, cache.parse("a exp=" + inAnHour));
        assertEquals(1, parser.calls.get());
        cache.parse("b exp=" + inAnHour);
        assertEquals(2, parser.calls.get(), "another token is verified on its own");
    }

    @Test
    void each_claim_of_a_verified_token_is_read_once_present_or_absent() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(parser);
        String token = "a exp=" + (System.currentTimeMillis() / 1000 + 3600);
        JsonWebToken jwt = cache.parse(token);
        int afterParse = parser.claimReads.get();
        for (int i = 0; i < 3; i++) {
            JsonWebToken again = cache.parse(token);
            assertEquals("PH-1", again.<String>getClaim("pharmacyId"));
            assertNull(again.getClaim("memberId"));
        }
        assertEquals(afterParse + 2, parser.claimReads.get(), "one read per claim name, the absent one included");
        assertEquals(token, jwt.getName());
    }

    @Test
    void the_caller_made_from_a_verified_token_is_made_once_and_never_reused_for_other_roles() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(parser);
        String token = "a exp=" + (System.currentTimeMillis() / 1000 + 3600);
        var pharmacy = io.quarkus.security.runtime.QuarkusSecurityIdentity.builder()
                .setPrincipal(cache.parse(token))
                .addRole(Roles.PHARMACY)
                .build();
        Caller first = CurrentCaller.from(pharmacy);
        assertEquals(token, first.subject());
        assertEquals(Set.of(Roles.PHARMACY), first.roles());
        assertSame(first, CurrentCaller.from(pharmacy), "the same token and roles: the Caller made before");

        // the same token with other roles (were an augmentor to add one): a Caller of its own, with those roles
        var more = io.quarkus.security.runtime.QuarkusSecurityIdentity.builder()
                .setPrincipal(cache.parse(token))
                .addRole(Roles.PHARMACY)
                .addRole(Roles.ADMIN)
                .build();
        Caller other = CurrentCaller.from(more);
        assertEquals(Set.of(Roles.PHARMACY, Roles.ADMIN), other.roles());
        assertEquals(Set.of(Roles.PHARMACY), CurrentCaller.from(pharmacy).roles(), "never the other's roles");
    }

    @Test
    void expired_and_failed_tokens_are_never_remembered() {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(parser);
        long past = System.currentTimeMillis() / 1000 - 10;
        try {
            cache.parse("old exp=" + past);
            cache.parse("old exp=" + past);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
        assertEquals(2, parser.calls.get());
        assertThrows(ParseException.class, () -> cache.parse("bad exp=1"));
        assertThrows(ParseException.class, () -> cache.parse("bad exp=1"));
        assertEquals(4, parser.calls.get());
    }

    @Test
    void the_key_of_a_token_is_its_sha_256_on_every_call_and_every_thread() throws Exception {
        // FIPS 180-2's example, and the digest kept per thread is reset after each use (a second call, another token,
        // the first again) and not shared between threads
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, VerifiedTokenCache.sha256("abc"));
        assertEquals(abc, VerifiedTokenCache.sha256("abc"));
        String other = VerifiedTokenCache.sha256("abd");
        assertEquals(false, abc.equals(other));
        assertEquals(abc, VerifiedTokenCache.sha256("abc"));
        // the same key as hashing the token's US-ASCII bytes: a longer token than the first buffer, and a character
        // outside ASCII (which counts as '?', never as its low byte: "Ł" is U+0141, whose low byte is 'A')
        String longer = "eyJ".repeat(1000) + ".sig";
        for (String token : java.util.List.of(longer, "abc\u0141", "abc"))
            assertEquals(
                    java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                    VerifiedTokenCache.sha256(token));
        assertEquals(VerifiedTokenCache.sha256("abc?"), VerifiedTokenCache.sha256("abc\u0141"));
        assertEquals(false, VerifiedTokenCache.sha256("abcA").equals(VerifiedTokenCache.sha256("abc\u0141")));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> keys = new java.util.ArrayList<>();
            for (int n = 0; n < 400; n++) keys.add(pool.submit(() -> VerifiedTokenCache.sha256("abc")));
            for (java.util.concurrent.Future<String> k : keys) assertEquals(abc, k.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
