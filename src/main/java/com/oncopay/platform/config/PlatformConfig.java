package com.oncopay.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed configuration of the platform pieces (prefix {@code oncopay}). */
@ConfigMapping(prefix = "oncopay")
public interface PlatformConfig {
    Crypto crypto();

    RateLimit rateLimit();

    Idempotency idempotency();

    Db db();

    Redis redis();

    WarmUp warmUp();

    /** The start-up warm-up readiness waits for ({@code platform.health.StartupWarmUp}). */
    interface WarmUp {
        /**
         * The least time the engine sends itself requests before it says it is ready (0: no warm-up). Past it, the
         * requests go on while the JIT's compiler threads hold more than {@link #settledJitShare} of the engine's CPU,
         * up to {@link #maxDuration}.
         */
        @WithDefault("20S")
        Duration duration();

        /** The most time the warm-up goes on while the JIT is still busy (below {@link #duration}: that). */
        @WithDefault("120S")
        Duration maxDuration();

        /** The JIT's share of the engine's CPU, over the last 5 s, at or under which the warm-up may end. */
        @WithDefault("0.10")
        double settledJitShare();

        /** How many of those requests are in flight at once, in each of its two lanes (reads, rehearsed writes). */
        @WithDefault("8")
        int concurrency();
    }

    interface Crypto {
        /** The active AES-256 key for field encryption, base64 of 32 bytes: new values are sealed with it. */
        String fieldKey();

        /** The active key's id (1..255), written into every value sealed with it. */
        @io.smallrye.config.WithDefault("1")
        int fieldKeyId();

        /** Older keys still held to open values sealed before a rotation, as {@code id:base64,id:base64}. */
        java.util.Optional<String> previousFieldKeys();

        /** HMAC key for lookup hashes, base64 of at least 32 bytes. */
        String lookupKey();
    }

    interface RateLimit {
        /** Requests one caller may make per window; 0 disables the limit. */
        @WithDefault("600")
        int requestsPerWindow();

        @WithDefault("1S")
        Duration window();

        /**
         * Identity-checking requests (redemption, its preview, a delivery's status) one caller may make per
         * minute, on top of the general limit: each one tests an identity number; 0 disables it.
         */
        @WithDefault("120")
        int identityChecksPerMinute();

        /**
         * Anonymous reads of the public covered-drug list ({@code GET /drugs}, {@code /drugs/{id}} without a
         * token) one client address may make per {@link #publicCatalogWindow()}, on top of the general limit;
         * callers with a token are not counted here; 0 disables it.
         */
        @WithDefault("60")
        int publicCatalogRequestsPerWindow();

        @WithDefault("1M")
        Duration publicCatalogWindow();
    }

    interface Idempotency {
        /** How long a stored response is replayed for its key. */
        @WithDefault("24H")
        Duration retention();

        /** An unfinished claim older than this is considered abandoned and may be retried. */
        @WithDefault("60S")
        Duration abandonAfter();
    }

    interface Db {
        /** How long a request waits for a pooled PostgreSQL connection before it is answered 503. */
        @WithDefault("1S")
        Duration acquireTimeout();

        /** How long opening a new PostgreSQL connection (TCP) may take. */
        @WithDefault("1S")
        Duration connectTimeout();

        /** Requests waiting for a connection at most; more are answered 503 at once (-1: no bound). */
        @WithDefault("1024")
        int maxWaitQueue();

        /** The {@code Retry-After} (seconds) of a 503 {@code DATABASE_UNAVAILABLE}. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** The {@code Retry-After} (seconds) of a 503 {@code ENGINE_BUSY}: every connection busy, PostgreSQL answering. */
        @WithDefault("1")
        int busyRetryAfterSeconds();

        /**
         * The statements a unit queues together leave in one socket write ({@code platform.db.FlushConsolidation});
         * false: one write per statement, as the PostgreSQL client does by itself.
         */
        @WithDefault("true")
        boolean consolidateFlushes();
    }

    interface Redis {
        /** How long one cache or rate-limit call to Redis may take before it counts as failed. */
        @WithDefault("1S")
        Duration callTimeout();

        /** Calls the breaker looks at; it opens when at least {@link #failureRatio()} of them failed. */
        @WithDefault("20")
        int breakerWindow();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open (Redis not asked at all) before one trial call. */
        @WithDefault("5S")
        Duration breakerDelay();
    }
}
