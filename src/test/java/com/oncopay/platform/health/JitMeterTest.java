package com.oncopay.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** #22: the JIT's share of the process's CPU, read as the benchmark reads it (the compiler threads' CPU in /proc). */
class JitMeterTest {
    @Test
    void a_share_of_the_process_cpu_between_two_readings() {
        JitMeter meter = new JitMeter();
        long sum = 0;
        long end = System.nanoTime() + 300_000_000L; // CPU for the process to use, new code for the JIT to compile
        while (System.nanoTime() < end)
            sum += Long.toString(sum).hashCode() + String.valueOf(sum).length();
        double share = meter.share();
        assertTrue(share >= 0 && share <= 1, "a share between 0 and 1: " + share + " (" + sum + ")");
    }

    /**
     * Two readings of compiler threads by id ("id=ticks;..."), the process's ticks going 1000 → 2000. With more than one
     * thread per compiler the JVM ends idle ones: summing the threads present at each reading read -541% on a 2-core VM
     * with three compiler threads (2026-12-07), which ended the start-up warm-up as if the JIT had settled.
     */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "'10=100;11=50', '10=150;11=100', 0.10", // both threads went on: 50 + 50 of 1000
        "'10=100;11=400', '10=150', 0.05", // thread 11 ended: only 10's 50 ticks, never below zero
        "'10=100', '10=150;12=30', 0.08", // thread 12 started since: all of its 30 ticks count
        "'10=100;11=400', '12=20', 0.02", // all replaced
        "'', '', 0.0", // no compiler threads seen
    })
    void a_share_counts_each_compiler_thread_by_its_own_difference(String before, String now, double share) {
        assertEquals(share, JitMeter.share(reading(before, 1000), reading(now, 2000)), 1e-9);
    }

    @Test
    void no_share_without_both_readings_or_without_process_cpu() {
        assertTrue(Double.isNaN(JitMeter.share(null, reading("10=1", 2000))));
        assertTrue(Double.isNaN(JitMeter.share(reading("10=1", 2000), null)));
        assertTrue(Double.isNaN(JitMeter.share(reading("10=1", 2000), reading("10=5", 2000))));
    }

    private static JitMeter.Reading reading(String threads, long process) {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String t : threads.split(";")) if (!t.isBlank()) m.put(t.split("=")[0], Long.parseLong(t.split("=")[1]));
        return new JitMeter.Reading(m, process);
    }
}
