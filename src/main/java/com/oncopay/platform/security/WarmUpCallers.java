package com.oncopay.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * The callers of the start-up warm-up ({@code platform.health.StartupWarmUp}): members and pharmacies that do not
 * exist, each with a token that is 256 random bits from this process's CSPRNG, not a JWT. The engine cannot sign a
 * token its identity provider would (and must not be able to); so these are put straight into the verified-token cache
 * ({@link VerifiedTokenCache#admit}), where a request finds them as it finds a real token it has seen before, and taken
 * out again when the warm-up ends. They are never logged, never leave the process except over its own loopback
 * connection, last at most the warm-up, and name no one: ids {@code WARMUP-<random>-M<n>}, {@code -PH<n>}, and
 * {@code -R0} for one reviewer, whose reads of the made-up members take the staff read's audited path ({@code
 * platform.audit.ReadAudit}, which writes none of a made-up caller's entries: {@link #madeUpId}).
 */
@Singleton
public class WarmUpCallers {
    private final VerifiedTokenCache tokens;
    private final SecureRandom random = new SecureRandom();
    /** The tokens admitted and not yet forgotten, with the caller each names. */
    private final java.util.concurrent.ConcurrentHashMap<String, MadeUp> admitted =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The id prefixes handed out by this process ({@code WARMUP-<random>}), kept after their callers are forgotten: an
     * entry queued by a made-up caller may be written after the warm-up's end, and must still be known as made up.
     */
    private final java.util.Set<String> prefixes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String PREFIX_START = "WARMUP-";
    /** The random part of a prefix, in bytes; two hex digits each in the id. */
    private static final int TAG_BYTES = 4;

    private static final int PREFIX_LENGTH = PREFIX_START.length() + 2 * TAG_BYTES;

    /** A made-up caller: its role ({@link Roles#MEMBER}, {@link Roles#PHARMACY} or {@link Roles#REVIEWER}) and id. */
    public record MadeUp(String role, String id) {}

    public WarmUpCallers(VerifiedTokenCache tokens) {
        this.tokens = tokens;
    }

    /** Made-up callers and their tokens ({@code Bearer} values), the same index in both lists; one reviewer. */
    public record Callers(
            List<String> memberIds,
            List<String> memberTokens,
            List<String> pharmacyIds,
            List<String> pharmacyTokens,
            String reviewerToken) {
        List<String> tokens() {
            List<String> all = new ArrayList<>(memberTokens);
            all.addAll(pharmacyTokens);
            all.add(reviewerToken);
            return all;
        }
    }

    /** {@code members} members and {@code pharmacies} pharmacies, their tokens good for {@code lifetime} at most. */
    public Callers admit(int members, int pharmacies, Duration lifetime) {
        byte[] tag = new byte[TAG_BYTES];
        random.nextBytes(tag);
        String prefix = PREFIX_START + HexFormat.of().formatHex(tag).toUpperCase(java.util.Locale.ROOT);
        prefixes.add(prefix);
        long until = System.currentTimeMillis() + lifetime.toMillis();
        List<String> memberIds = new ArrayList<>(), memberTokens = new ArrayList<>();
        List<String> pharmacyIds = new ArrayList<>(), pharmacyTokens = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String id = prefix + "-M" + i;
            memberIds.add(id);
            memberTokens.add(admit(Roles.MEMBER, Roles.MEMBER_ID_CLAIM, id, until));
        }
        for (int i = 0; i < pharmacies; i++) {
            String id = prefix + "-PH" + i;
            pharmacyIds.add(id);
            pharmacyTokens.add(admit(Roles.PHARMACY, Roles.PHARMACY_ID_CLAIM, id, until));
        }
        String reviewerToken = admit(Roles.REVIEWER, null, prefix + "-R0", until);
        return new Callers(
                List.copyOf(memberIds),
                List.copyOf(memberTokens),
                List.copyOf(pharmacyIds),
                List.copyOf(pharmacyTokens),
                reviewerToken);
    }

    /**
     * Whether {@code id} is one of the made-up callers this process handed out, admitted now or forgotten since. (An
     * identity provider's user named {@code WARMUP-...} is not: its prefix was never handed out here.)
     */
    public boolean madeUpId(String id) {
        return id != null
                && id.length() > PREFIX_LENGTH
                && id.startsWith(PREFIX_START)
                && prefixes.contains(id.substring(0, PREFIX_LENGTH));
    }

    /** Takes the callers' tokens out of the cache: from now on they are refused like any unsigned token. */
    public void forget(Callers callers) {
        callers.tokens().forEach(token -> {
            tokens.forget(token);
            admitted.remove(token);
        });
    }

    /** The made-up caller {@code token} names while it is admitted; null for any other token (nearly always). */
    public MadeUp madeUp(String token) {
        return token == null ? null : admitted.get(token);
    }

    /** Whether any made-up caller is admitted now (during the warm-up only). */
    public boolean any() {
        return !admitted.isEmpty();
    }

    private String admit(String role, String idClaim, String id, long untilMillis) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        JwtClaims claims = new JwtClaims();
        claims.setSubject(id);
        claims.setStringListClaim("groups", role);
        if (idClaim != null) claims.setClaim(idClaim, id);
        claims.setIssuedAt(NumericDate.now());
        claims.setExpirationTime(NumericDate.fromMilliseconds(untilMillis));
        tokens.admit(token, new DefaultJWTCallerPrincipal(token, "JWT", claims), untilMillis);
        admitted.put(token, new MadeUp(role, id));
        return token;
    }
}
