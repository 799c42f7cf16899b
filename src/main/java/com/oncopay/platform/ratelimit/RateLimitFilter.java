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
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-caller fixed-window rate limit shared by every replica through Redis: one
 * {@code INCR}+{@code PEXPIRE} script call per request. The caller is the verified token's
 * subject, or the client address for requests without a valid token. Over the limit →
 * 429 {@code RATE_LIMITED} with {@code Retry-After}. Requests that check an identity number
 * (redemption, its preview, a delivery's status) have a tighter per-minute limit of their own, and
 * so do anonymous reads of the public covered-drug list ({@code GET /drugs}, {@code /drugs/{id}}), per
 * client address.
 * Every call goes through {@link com.oncopay.platform.cache.RedisGuard} (its own time limit and a circuit
 * breaker), so a frozen Redis never holds a request up. Redis unreachable, too slow or breaker open → the
 * request is let through (the limit protects capacity; it is not a
 * correctness rule), counted in {@code oncopay_rate_limit_skipped_total} and logged at WARN at
 * most once a minute. The client address is the connection's peer, or the forwarded one only
 * when the proxy is trusted ({@code quarkus.http.proxy.*}).
 */
@ApplicationScoped
public class RateLimitFilter {
    /**
     * Counts one request in each window, in order, and stops at the first one over its limit (a request refused by
     * the general limit does not count against the tighter one): returns that window's position (1-based), or 0.
     * ARGV holds, per key, its expiry in ms and its limit.
     */
    private static final String SCRIPT = "for i, k in ipairs(KEYS) do local c = redis.call('INCR', k) "
            + "if c == 1 then redis.call('PEXPIRE', k, ARGV[2 * i - 1]) end "
            + "if c > tonumber(ARGV[2 * i]) then return i end end return 0";

    /** One fixed-window limit: a key prefix, how many requests, and the window's length. */
    private record Window(String prefix, int limit, long windowMs) {}

    private final ReactiveRedisDataSource redis;
    private final CurrentIdentityAssociation identities;
    private static final java.util.regex.Pattern IDENTITY_CHECKS =
            java.util.regex.Pattern.compile("/api/v1/(pharmacy/redemptions(/preview)?|deliveries/[^/]+/status)/?");

    /** The public covered-drug list (GET, no token needed): anonymous callers have a per-address limit of their own. */
    private static final java.util.regex.Pattern PUBLIC_CATALOG =
            java.util.regex.Pattern.compile("/api/v1/drugs(/[^/]+)?/?");

    private final PlatformConfig config;
    private final io.micrometer.core.instrument.Counter skipped;
    private final com.oncopay.platform.health.Degraded degraded =
            new com.oncopay.platform.health.Degraded(RateLimitFilter.class);
    private final com.oncopay.platform.cache.RedisGuard guard;

    public RateLimitFilter(
            ReactiveRedisDataSource redis,
            CurrentIdentityAssociation identities,
            PlatformConfig config,
            io.micrometer.core.instrument.MeterRegistry meters,
            com.oncopay.platform.cache.RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
        this.identities = identities;
        this.config = config;
        this.skipped = io.micrometer.core.instrument.Counter.builder("oncopay.rate.limit.skipped")
                .description("Requests let through unlimited because Redis could not be asked")
                .register(meters);
    }

    @ServerRequestFilter(priority = 500)
    public Uni<Response> limit(HttpServerRequest request) {
        int limit = config.rateLimit().requestsPerWindow();
        String method = request.method().name();
        String path = request.path();
        // a path meets a pattern only when its prefix fits: a regex matcher on every GET was 1.4% of what a cached
        // eligibility check allocated
        int identityLimit = "POST".equals(method) && matches(IDENTITY_CHECKS, "/api/v1/", path)
                ? config.rateLimit().identityChecksPerMinute()
                : 0;
        int publicLimit = "GET".equals(method) && matches(PUBLIC_CATALOG, "/api/v1/drugs", path)
                ? config.rateLimit().publicCatalogRequestsPerWindow()
                : 0;
        if (limit <= 0 && identityLimit <= 0 && publicLimit <= 0)
            return Uni.createFrom().nullItem();
        List<Window> windows = new java.util.ArrayList<>(3);
        if (limit > 0)
            windows.add(new Window(
                    "rl:", limit, Math.max(1, config.rateLimit().window().toMillis())));
        if (identityLimit > 0) windows.add(new Window("rl-id:", identityLimit, 60_000));
        long now = System.currentTimeMillis();
        return callerKey(request).flatMap(caller -> {
            // the public catalog's own limit is for anonymous callers only, by address: signed-in callers keep theirs
            if (publicLimit > 0 && caller.startsWith("ip:"))
                windows.add(new Window(
                        "rl-pub:",
                        publicLimit,
                        Math.max(1, config.rateLimit().publicCatalogWindow().toMillis())));
            if (windows.isEmpty()) return Uni.createFrom().nullItem();
            return check(windows, caller, now, request);
        });
    }

    /** All the caller's windows in one round trip; the 429 of the first one over its limit, else null (also when Redis cannot be asked). */
    private Uni<Response> check(List<Window> windows, String caller, long now, HttpServerRequest request) {
        List<String> args = new java.util.ArrayList<>(List.of(SCRIPT, Integer.toString(windows.size())));
        for (Window w : windows) args.add(w.prefix() + caller + ":" + now / w.windowMs());
        for (Window w : windows) {
            args.add(Long.toString(w.windowMs() * 2));
            args.add(Integer.toString(w.limit()));
        }
        return guard.call(() -> redis.execute("EVAL", args.toArray(String[]::new)))
                .map(over -> {
                    if (over == null || over.toInteger() == 0) return (Response) null;
                    long windowMs = windows.get(over.toInteger() - 1).windowMs();
                    long retryAfter = Math.max(1, ((now / windowMs + 1) * windowMs - now + 999) / 1000);
                    return ProblemResponses.of(
                            Messages.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
                            new ProblemException(
                                    429,
                                    "RATE_LIMITED",
                                    List.of(),
                                    List.of(),
                                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)),
                                    retryAfter));
                })
                .onFailure()
                .invoke(this::skipped)
                .onFailure()
                .recoverWithNull();
    }

    private void skipped(Throwable e) {
        skipped.increment();
        degraded.warn(
                "Rate limit not applied, Redis could not be asked (%s); requests pass unlimited until it answers "
                        + "(counted in oncopay_rate_limit_skipped_total; this line at most once a minute)",
                e.toString());
    }

    private static boolean matches(java.util.regex.Pattern pattern, String prefix, String path) {
        return path != null && path.startsWith(prefix) && pattern.matcher(path).matches();
    }

    private Uni<String> callerKey(HttpServerRequest request) {
        String address = request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
        return identities
                .getDeferredIdentity()
                .map(id -> key(id, address))
                .onFailure()
                .recoverWithItem("ip:" + address);
    }

    private static String key(SecurityIdentity id, String address) {
        return id == null || id.isAnonymous()
                ? "ip:" + address
                : "sub:" + id.getPrincipal().getName();
    }
}
