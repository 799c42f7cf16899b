package com.oncopay.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** #22: when the start-up warm-up ends. Least 20 s, most 120 s, settled at 10% of the engine's CPU. */
class WarmUpEndTest {
    private static final WarmUpEnd END = new WarmUpEnd(Duration.ofSeconds(20), Duration.ofSeconds(120), 0.10);

    @ParameterizedTest(name = "after {0} ms with the JIT at {1}: over {2}")
    @CsvSource({
        // before the least time: never, however quiet the JIT
        "0,      0.0,  false",
        "19999,  0.0,  false",
        "19999,  NaN,  false",
        // from the least time: as soon as the JIT has settled (its share at or under 10%)
        "20000,  0.0,  true",
        "20000,  0.10, true",
        "20000,  0.11, false",
        "20000,  0.45, false",
        "60000,  0.10, true",
        "60000,  0.101, false",
        // a JVM that does not tell: the least time is enough
        "20000,  NaN,  true",
        // at the most time: over, however busy the JIT
        "119999, 0.9,  false",
        "120000, 0.9,  true",
        "300000, 1.5,  true",
    })
    void overWhenTheJitSettlesBetweenTheLeastAndTheMostTime(long elapsedMs, double jitShare, boolean over) {
        assertEquals(over, END.over(Duration.ofMillis(elapsedMs), jitShare));
    }

    @ParameterizedTest(name = "least {0} s, most {1} s: over at {2} s with a busy JIT")
    @CsvSource({
        "20, 120, 120",
        // a most time below the least is the least: the warm-up never outlasts what it was given
        "20, 5,   20",
        "20, 20,  20",
    })
    void theMostTimeIsNeverBelowTheLeast(long least, long most, long overAt) {
        WarmUpEnd end = new WarmUpEnd(Duration.ofSeconds(least), Duration.ofSeconds(most), 0.10);
        assertEquals(Duration.ofSeconds(overAt), end.most());
        assertEquals(false, end.over(Duration.ofSeconds(overAt).minusMillis(1), 0.5));
        assertEquals(true, end.over(Duration.ofSeconds(overAt), 0.5));
    }
}
