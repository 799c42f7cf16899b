package com.oncopay.platform.observe;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans of the tests that run with {@link ObserveProfile}; other test runs do not export to it (the
 * exporters are looked up, and it is not found there), so it does not fill up over the whole suite.
 */
@Singleton
public class InMemorySpans {
    @Produces
    @Singleton
    @LookupIfProperty(name = "oncopay-test.in-memory-spans", stringValue = "true")
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
