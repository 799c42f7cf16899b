package com.oncopay.platform.security;

import com.oncopay.platform.health.WarmUpLane;
import com.oncopay.platform.health.WarmUpStage;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Before the warm-up's requests, the identity check refuses one token (#22). The made-up callers' tokens are admitted
 * without a signature ({@link WarmUpCallers}), so the first real token used to be the first one the JWT library ever
 * read: its JSON reader loads a {@code HashMap} subclass of its own that overrides {@code put}, and its signature check
 * the JDK's RSA and key-wrap classes. Every method the JIT had compiled on the assumption that {@code HashMap.put} had
 * no override was then thrown away and compiled again, under the first real load: 131 such dependencies failed in a
 * cold submission's first 20 s, 75 of them on that map (bench notes 2026-12-06 first-load).
 *
 * <p>So before the warm-up's requests this hands the identity check, on a worker thread, a token signed with a key made
 * up for it and thrown away: RS256 as the identity provider's tokens, its claims naming no one, issued and expired in
 * the year 2000, for an issuer that does not exist. The check reads it through the whole path of a real token and
 * refuses its signature; a refusal is not remembered ({@link VerifiedTokenCache}). Beside the requests, as a {@link
 * WarmUpLane}, it hands it over again about 20 times a second, as a fleet of pharmacies' new tokens arrive: the
 * parsing and the signature check are then compiled too (a cold redemption, one new token per counter, compiled the
 * JWT library's base64 and JSON code under the load). Were the token ever accepted, the engine would trust a key it
 * does not know: that is logged as an error.
 */
@ApplicationScoped
public class TokenCheckWarmUp implements WarmUpStage, WarmUpLane {
    private static final Logger LOG = Logger.getLogger(TokenCheckWarmUp.class);
    /** The subject of its token: a caller that does not exist. */
    static final String NO_ONE = "WARMUP-NO-ONE";
    /** The pause after each check in its lane. */
    static final Duration PAUSE = Duration.ofMillis(50);

    private final JWTParser parser;
    private final Vertx vertx;
    private volatile String token;

    public TokenCheckWarmUp(JWTParser parser, Vertx vertx) {
        this.parser = parser;
        this.vertx = vertx;
    }

    @Override
    public Uni<Void> set(WarmUpCallers.Callers who) {
        return check();
    }

    @Override
    public Uni<Void> clear(WarmUpCallers.Callers who) {
        token = null;
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> round() {
        return check().onItem().delayIt().by(PAUSE);
    }

    /** One check of its token, on a worker thread (an RSA key is made the first time). */
    private Uni<Void> check() {
        return Uni.createFrom()
                .completionStage(() -> vertx.<Void>executeBlocking(
                                () -> {
                                    String t = token;
                                    if (t == null) token = t = madeUpToken();
                                    refuse(parser, t);
                                    return null;
                                },
                                false)
                        .toCompletionStage());
    }

    /** Whether {@code parser} refused {@code token}, as it must; accepting it is logged as an error. */
    static boolean refuse(JWTParser parser, String token) {
        try {
            parser.parse(token);
            LOG.errorf("warm-up: the identity check accepted a token signed by a key made up at start: it must not");
            return false;
        } catch (ParseException refused) {
            return true;
        }
    }

    /** A compact RS256 JWS for no one, signed by a 2048-bit RSA key made here and dropped. */
    static String madeUpToken() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("https://warm-up.invalid");
            claims.setSubject(NO_ONE);
            claims.setAudience("warm-up.invalid");
            claims.setStringListClaim("groups", Roles.MEMBER);
            claims.setClaim(Roles.MEMBER_ID_CLAIM, NO_ONE);
            claims.setIssuedAt(NumericDate.fromSeconds(946_684_800L)); // 2000-01-01
            claims.setExpirationTime(NumericDate.fromSeconds(946_688_400L));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (NoSuchAlgorithmException | JoseException e) {
            throw new IllegalStateException("warm-up: cannot make its token", e);
        }
    }
}
