package com.oncopay.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the real Redis: a snapshot computed before a change is never written after it. */
@QuarkusTest
class EligibilityCacheTest {
    @Inject
    EligibilityCache cache;

    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void a_snapshot_from_before_an_invalidation_is_not_written_after_it() {
        String member = "M-" + UUID.randomUUID();
        String before = cache.generation(member).await().atMost(T);
        cache.invalidate(member).await().atMost(T); // a new diagnosis commits while the snapshot is being computed
        cache.put(member, "D001|2026-11-23|v1", "{\"stale\":true}", before)
                .await()
                .atMost(T);
        EligibilityCache.Read stale =
                cache.get(member, "D001|2026-11-23|v1").await().atMost(T);
        assertNull(stale.json(), "the stale snapshot was not written");
        assertEquals(false, stale.bypassed(), "(and Redis was asked)");
        assertEquals(
                Long.parseLong(cache.generation(member).await().atMost(T)),
                stale.generation(),
                "the generation is read with the value (the near cache keeps it with the snapshot)");

        String now = cache.generation(member).await().atMost(T);
        cache.put(member, "D001|2026-11-23|v1", "{\"fresh\":true}", now).await().atMost(T);
        assertEquals(
                "{\"fresh\":true}",
                cache.get(member, "D001|2026-11-23|v1").await().atMost(T).json());
        cache.invalidate(member).await().atMost(T);
        assertNull(cache.get(member, "D001|2026-11-23|v1").await().atMost(T).json());
    }
}
