package com.oncopay.platform.observe;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Spans kept in memory ({@link InMemorySpans}) and exported at once, for the tests that read them. */
public class ObserveProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("oncopay-test.in-memory-spans", "true", "quarkus.otel.bsp.schedule.delay", "100ms");
    }
}
