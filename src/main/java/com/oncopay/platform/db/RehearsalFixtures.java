package com.oncopay.platform.db;

import io.smallrye.mutiny.Uni;

/**
 * What a feature writes first in a {@link Rehearsal}'s transaction so that the rehearsed request takes the path a real
 * one takes (a made-up member needs a policy, a diagnosis and a hospital, say). It is rolled back with the rest; it
 * must name no one and use keys no real row has (the caller's made-up id), so that it waits on no real request's rows.
 */
public interface RehearsalFixtures {
    /** Writes, on {@code tx}, what a rehearsal by the made-up caller {@code callerId} of {@code role} needs. */
    Uni<Void> insert(Tx tx, String role, String callerId);

    /** Fixtures of a lower order are written first (the rows others refer to). */
    default int order() {
        return 0;
    }
}
