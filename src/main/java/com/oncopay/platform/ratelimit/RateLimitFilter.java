package com.oncopay.platform.ratelimit;

import com.oncopay.platform.config.PlatformConfig;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.error.ProblemResponses;
import com.oncopay.platform.i18n.Messages;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-caller fixed-window rate limit shared by every replica through Redis: one
 * {@code INCR}+{@code PEXPIRE} script call per request. The caller is the verified token's
 * subject, or the client address for requests without a valid token. Over the limit →
 * 429 {@code RATE_LIMITED} with {@code Retry-After}. Redis unreachable → the request is
 * let through (the limit protects capacity; it is not a correctness rule).
 */
@ApplicationScoped
public class RateLimitFilter {
    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    private static final String SCRIPT = "local c = redis.call('INCR', KEYS[1]) "
            + "if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";

    private final ReactiveRedisDataSource redis;
    private final CurrentIdentityAssociation identities;
    private final PlatformConfig config;

    public RateLimitFilter(ReactiveRedisDataSource redis, CurrentIdentityAssociation identities, PlatformConfig config) {
        this.redis = redis;
        this.identities = identities;
        this.config = config;
    }

    @ServerRequestFilter(priority = 500)
    public Uni<Response> limit(HttpServerRequest request, HttpHeaders headers) {
        int limit = config.rateLimit().requestsPerWindow();
        if (limit <= 0) return Uni.createFrom().nullItem();
        long windowMs = Math.max(1, config.rateLimit().window().toMillis());
        long now = System.currentTimeMillis();
        long window = now / windowMs;
        return callerKey(request).flatMap(caller -> {
            String key = "rl:" + caller + ":" + window;
            return redis.execute("EVAL", SCRIPT, "1", key, Long.toString(windowMs * 2))
                    .map(count -> {
                        if (count == null || count.toLong() <= limit) return null;
                        long retryAfter = Math.max(1, ((window + 1) * windowMs - now + 999) / 1000);
                        return ProblemResponses.of(Messages.negotiate(safeLanguages(headers)),
                                new ProblemException(429, "RATE_LIMITED", List.of(), List.of(),
                                        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)), retryAfter));
                    })
                    .onFailure().invoke(e -> LOG.debugf("Rate limit skipped, Redis unavailable: %s", e.getMessage()))
                    .onFailure().recoverWithNull();
        });
    }

    private Uni<String> callerKey(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return identities.getDeferredIdentity()
                .map(id -> key(id, address))
                .onFailure().recoverWithItem("ip:" + address);
    }

    private static String key(SecurityIdentity id, String address) {
        return id == null || id.isAnonymous() ? "ip:" + address : "sub:" + id.getPrincipal().getName();
    }

    private static List<java.util.Locale> safeLanguages(HttpHeaders headers) {
        try {
            return headers.getAcceptableLanguages();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
