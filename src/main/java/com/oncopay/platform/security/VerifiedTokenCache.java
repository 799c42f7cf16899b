package com.oncopay.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers tokens that passed RS256 verification, so that a client sending the same token
 * again is not verified again (the signature check is most of the cost of a request). Keyed
 * by the whole token's text ({@link Key}: equal text, equal key; the verified token holds that
 * text anyway); an entry is used only before the token's own expiry and
 * for at most {@link #MAX_AGE_MILLIS}; failures are never remembered; the map is bounded.
 * The token's claims are read once per token too ({@link ClaimsReadOnce}), and so is the {@link Caller} made of them.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokenCache implements JWTParser {
    static final long MAX_AGE_MILLIS = 5 * 60 * 1000;
    static final int MAX_ENTRIES = 20_000;
    /** How far in the future a token's iat may be, for clocks that disagree a little. */
    static final long CLOCK_SKEW_SECONDS = 60;

    private record Entry(JsonWebToken token, long usableUntilMillis) {}

    /**
     * A token as a map key: equal only to the same whole text, hashed from its last {@link #HASHED} characters only.
     * Those are the signature's, as good as random; {@code String.hashCode} over a whole token (600-900 characters)
     * cost a cached check as much as the SHA-256 of it did before (each 2%). A hash shared by other tokens costs a
     * comparison, never a wrong answer, and only verified tokens are ever put in the map.
     */
    static final class Key {
        static final int HASHED = 32;
        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) h = 31 * h + token.charAt(i);
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final DefaultJWTParser delegate;
    private final ConcurrentHashMap<Key, Entry> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(DefaultJWTParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Key key = new Key(token);
        Entry e = verified.get(key);
        if (e != null && now < e.usableUntilMillis()) return e.token();
        JsonWebToken jwt = new ClaimsReadOnce(delegate.parse(token));
        // smallrye-jwt checks exp, the lifetime (exp − iat) and the audience, but not an iat in the future
        Object iat = jwt.getClaim(
                "iat"); // required by the verifier (a lifetime limit is set); absent only in unit tests' fakes
        if (iat instanceof Number n && n.longValue() > now / 1000 + CLOCK_SKEW_SECONDS)
            throw new ParseException("token issued in the future");
        long until = Math.min(now + MAX_AGE_MILLIS, jwt.getExpirationTime() * 1000);
        if (until > now) {
            if (verified.size() >= MAX_ENTRIES) verified.values().removeIf(x -> x.usableUntilMillis() <= now);
            if (verified.size() >= MAX_ENTRIES) verified.clear();
            verified.put(key, new Entry(jwt, until));
        }
        return jwt;
    }

    /**
     * Remembers {@code token} as verified until {@code untilMillis} without any signature: only for a token this
     * process made up itself and gives no one ({@link WarmUpCallers}), forgotten again with {@link #forget}.
     */
    void admit(String token, JsonWebToken jwt, long untilMillis) {
        verified.put(new Key(token), new Entry(new ClaimsReadOnce(jwt), untilMillis));
    }

    /** Forgets {@code token}: it is verified again, from its signature, if it is ever seen again. */
    void forget(String token) {
        verified.remove(new Key(token));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /**
     * A verified token whose claims are read from the parsed claims once and then remembered.
     * Reading a custom claim (memberId, pharmacyId, coordinatorId) through smallrye-jwt throws and
     * catches an exception inside every call; the benchmark found that 16% of a cached eligibility
     * check went into filling in those stack traces.
     */
    static final class ClaimsReadOnce implements JsonWebToken {
        private static final Object ABSENT = new Object();
        private final JsonWebToken token;
        private final ConcurrentHashMap<String, Object> claims = new ConcurrentHashMap<>();
        /**
         * The {@link Caller} last made from this token ({@link CurrentCaller#from}): immutable, so shared; made again
         * (and replaced here) only when the identity's roles differ from its own.
         */
        private volatile Caller caller;

        ClaimsReadOnce(JsonWebToken token) {
            this.token = token;
        }

        Caller caller() {
            return caller;
        }

        void keep(Caller made) {
            caller = made;
        }

        @Override
        public String getName() {
            return token.getName();
        }

        @Override
        public Set<String> getClaimNames() {
            return token.getClaimNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            Object v = claims.computeIfAbsent(name, n -> {
                Object value = token.getClaim(n);
                return value == null ? ABSENT : value;
            });
            return v == ABSENT ? null : (T) v;
        }

        @Override
        public String toString() {
            return "JWT for " + token.getName();
        }
    }
}
