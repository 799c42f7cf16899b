package com.oncopay.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog near cache's lifetime and memory bound, on a clock the test moves. */
class NearCatalogCacheTest {
    private static final long TTL = 1_000;
    private final AtomicLong now = new AtomicLong(5_000);

    private NearCatalogCache cache(long maxChars) {
        return new NearCatalogCache(maxChars, TTL, now::get);
    }

    @ParameterizedTest(name = "{0} ns after it was kept: {1}")
    @CsvSource({"0, kept", "999, kept", "1000, gone", "5000, gone"})
    void an_entry_lives_as_long_as_the_same_read_in_redis(long after, String expected) {
        NearCatalogCache c = cache(100);
        c.put("k", "value", 10);
        now.addAndGet(after);
        assertEquals(expected.equals("kept") ? "value" : null, c.get("k", String.class));
        if (expected.equals("gone")) assertEquals(0, c.weight(), "an expired entry's weight is given back");
    }

    @Test
    void a_value_of_another_type_is_not_answered() {
        NearCatalogCache c = cache(100);
        c.put("k", "value", 10);
        assertNull(c.get("k", Integer.class));
        assertNull(c.get("absent", String.class));
    }

    @ParameterizedTest(name = "bound {0}, weight {1}: kept {2}")
    @CsvSource({"0, 1, false", "100, 100, true", "100, 101, false"})
    void an_entry_heavier_than_the_bound_is_not_kept(long bound, int weight, boolean kept) {
        NearCatalogCache c = cache(bound);
        c.put("k", "value", weight);
        assertEquals(kept ? "value" : null, c.get("k", String.class));
        assertEquals(kept ? weight : 0, c.weight());
    }

    @Test
    void passing_the_bound_drops_the_expired_entries_first_then_all() {
        NearCatalogCache c = cache(100);
        c.put("old", "o", 40);
        now.addAndGet(TTL);
        c.put("a", "a", 40);
        c.put("b", "b", 40); // 120 > 100: the expired "old" goes, "a" stays
        assertEquals("a", c.get("a", String.class));
        assertEquals("b", c.get("b", String.class));
        assertEquals(80, c.weight());
        c.put("c", "c", 40); // nothing expired: all go, then "c" is kept
        assertNull(c.get("a", String.class));
        assertNull(c.get("b", String.class));
        assertEquals("c", c.get("c", String.class));
        assertEquals(40, c.weight());
        assertEquals(1, c.size());
    }

    @Test
    void keeping_a_key_again_replaces_its_weight() {
        NearCatalogCache c = cache(100);
        c.put("k", "one", 30);
        c.put("k", "two", 50);
        assertEquals("two", c.get("k", String.class));
        assertEquals(50, c.weight());
    }
}
