package com.oncopay.coverage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed configuration of the coverage feature (prefix {@code oncopay.coverage}). */
@ConfigMapping(prefix = "oncopay.coverage")
public interface CoverageConfig {
    /** How long an eligibility snapshot may stay in Redis (it is also deleted on every change it depends on). */
    @WithDefault("5M")
    Duration eligibilityCacheTtl();

    /** The per-replica near cache in front of Redis ({@link NearEligibilityCache}). */
    NearCache nearCache();

    interface NearCache {
        /** Off: every cached answer pays its Redis round trip (X-Cache is then never NEAR). */
        @WithDefault("true")
        boolean enabled();

        /** Members kept per replica (each with its snapshots of the drugs and days asked for). */
        @WithDefault("20000")
        int members();

        /** A member's entry is dropped this long after it was made, whatever else happens (a lost invalidation). */
        @WithDefault("30S")
        Duration ttl();

        /**
         * Redis pub/sub channel of invalidations ({@code memberId generation}) and heartbeats. Pub/sub is not
         * scoped by Redis database: environments sharing one Redis server need channels of their own.
         */
        @WithDefault("oncopay:eligibility:invalidated")
        String channel();

        /** Each replica publishes a heartbeat this often on the channel, proving the subscription alive. */
        @WithDefault("500MS")
        Duration heartbeat();

        /** Nothing heard on the channel for this long: the near cache stops answering and is emptied. */
        @WithDefault("2S")
        Duration lease();
    }

    /** Load the DEMO- data set at start-up (dev and test profiles only). */
    @WithDefault("false")
    boolean demoData();
}
