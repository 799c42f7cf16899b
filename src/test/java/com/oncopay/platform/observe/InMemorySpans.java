package com.oncopay.platform.observe;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The spans of the test run, kept in memory for {@link TracingTest}. Every test of the default profile exports
 * here (a profile of its own made the next restart of the default profile fail in Quarkus's Panache shutdown
 * recorder), so it forgets everything once it holds {@link #LIMIT} spans: it never fills up over the whole
 * suite, and a test that reads spans resets it first and reads far fewer than that.
 */
@Singleton
public class InMemorySpans implements SpanExporter {
    static final int LIMIT = 20_000;

    private final InMemorySpanExporter kept = InMemorySpanExporter.create();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        if (count.addAndGet(spans.size()) > LIMIT) reset();
        return kept.export(spans);
    }

    public List<SpanData> getFinishedSpanItems() {
        return kept.getFinishedSpanItems();
    }

    public void reset() {
        kept.reset();
        count.set(0);
    }

    @Override
    public CompletableResultCode flush() {
        return kept.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
