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
    void a_token_is_found_by_its_whole_text_and_by_nothing_else() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache cache = new VerifiedTokenCache(parser);
        long exp = System.currentTimeMillis() / 1000 + 600;
        String token = "eyJ".repeat(300) + ".sig exp=" + exp;
        JsonWebToken first = cache.parse(token);
        // the same text in another String (as every request brings it): found, not verified again
        assertSame(first, cache.parse(new String(token.toCharArray())));
        assertEquals(1, parser.calls.get());
        // one character changed anywhere, or a character outside ASCII in place of one of the token's: verified again
        String[] others = {
            "fyJ" + token.substring(3),
            token.substring(0, 450) + "\u0141" + token.substring(451),
            token.substring(0, 450) + "?" + token.substring(451),
            token.replace(".sig", ".sih")
        };
        for (String other : others) cache.parse(other);
        assertEquals(1 + others.length, parser.calls.get());
        assertSame(first, cache.parse(token));
        assertEquals(1 + others.length, parser.calls.get());
        // a key is hashed from the token's end only: tokens that differ before it share a hash, never an entry
        String end = token.substring(token.length() - VerifiedTokenCache.Key.HASHED);
        String sameEnd = "x".repeat(token.length() - end.length()) + end;
        assertEquals(new VerifiedTokenCache.Key(token).hashCode(), new VerifiedTokenCache.Key(sameEnd).hashCode());
        assertEquals(false, new VerifiedTokenCache.Key(token).equals(new VerifiedTokenCache.Key(sameEnd)));
        JsonWebToken second = cache.parse(sameEnd);
        assertEquals(2 + others.length, parser.calls.get());
        assertSame(first, cache.parse(token));
        assertSame(second, cache.parse(sameEnd));
        assertEquals(2 + others.length, parser.calls.get());
    }
}
