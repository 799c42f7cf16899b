package com.oncopay.platform.health;

import com.oncopay.platform.security.WarmUpCallers;
import io.smallrye.mutiny.Uni;

/**
 * What a feature puts in place for the start-up warm-up's made-up callers before its requests, so that they take the
 * path real requests take, and takes away when it ends ({@link StartupWarmUp}). Whatever it sets must name no one, be
 * reachable by no other caller, and be gone after {@link #clear}; a failure only means a colder path.
 */
public interface WarmUpStage {
    Uni<Void> set(WarmUpCallers.Callers who);

    Uni<Void> clear(WarmUpCallers.Callers who);
}
