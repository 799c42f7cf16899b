package com.oncopay.platform.health;

import io.smallrye.mutiny.Uni;

/**
 * Work of a feature's own that the start-up warm-up ({@link StartupWarmUp}) runs beside its requests, one round after
 * another until it ends: a path no request of a made-up caller reaches (the relay's Kafka producer publishes committed
 * outbox rows only, and a rehearsal commits none). What it does must name no one and reach no one who serves a user;
 * a failed round only means a colder path: the lane ends there.
 */
public interface WarmUpLane {
    /** One round. */
    Uni<Void> round();

    /** The lane has ended (its time over, or a round failed): what it holds can go. */
    default void ended() {}
}
