package com.oncopay.platform.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
