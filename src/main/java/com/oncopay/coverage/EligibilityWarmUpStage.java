package com.oncopay.coverage;

import com.oncopay.platform.health.WarmUpRequests;
import com.oncopay.platform.health.WarmUpStage;
import com.oncopay.platform.security.WarmUpCallers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * The warm-up's eligibility checks as members' are answered: from the cache. Before the warm-up, each made-up member
 * PostgreSQL does not have gets a cached answer for the drug the warm-up asks about, today
 * ({@link EligibilityService#stageMadeUp}); without it, every one of those checks ended at 404 and the cached answer's
 * path (Redis, the near cache, the body) was first compiled under the load (bench notes 2026-12-05 cold-jit). The
 * answers are deleted when the warm-up ends, and so is what the rehearsed redemptions' invalidations left of the members
 * whose orders the made-up pharmacies hand over (their generations).
 */
@ApplicationScoped
public class EligibilityWarmUpStage implements WarmUpStage {
    private final EligibilityService eligibility;
    private final Clock clock;

    public EligibilityWarmUpStage(EligibilityService eligibility, Clock clock) {
        this.eligibility = eligibility;
        this.clock = clock;
    }

    @Override
    public Uni<Void> set(WarmUpCallers.Callers who) {
        LocalDate today = LocalDate.now(clock);
        return each(who.memberIds(), m -> eligibility.stageMadeUp(m, WarmUpRequests.ELIGIBILITY_DRUG, today));
    }

    @Override
    public Uni<Void> clear(WarmUpCallers.Callers who) {
        return each(who.memberIds(), eligibility::forgetMadeUp)
                // the members whose orders the made-up pharmacies hand over: a rehearsed redemption invalidated
                // their snapshots, which left each a generation in Redis
                .chain(() -> each(
                        who.pharmacyIds().stream().map(WarmUpRequests::memberOf).toList(), eligibility::forgetMadeUp));
    }

    private static Uni<Void> each(java.util.List<String> members, Function<String, Uni<?>> step) {
        return Multi.createFrom()
                .iterable(members)
                .onItem()
                .transformToUni(step)
                .merge(8) // a few at a time: each reads PostgreSQL, and the pool's queue is bounded
                .collect()
                .asList()
                .replaceWithVoid();
    }
}
