package com.oncopay.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #22: which requests record spans. Without an OTLP endpoint nothing would receive them, so unless a ratio is set
 * none does; with one, all do unless a ratio is set. A caller's trace decides for its own requests either way.
 */
class TraceSamplingTest {
    private static TracingConfig config(String otlp, Double ratio) {
        return new TracingConfig() {
            @Override
            public String otlp() {
                return otlp;
            }

            @Override
            public Optional<Double> sampleRatio() {
                return Optional.ofNullable(ratio);
            }
        };
    }

    @ParameterizedTest(name = "endpoint {0}, ratio set {1} -> {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                // endpoint                   | ratio set | ratio used
                "off,                           -,          0.0",
                "off,                           1.0,        1.0",
                "off,                           0.2,        0.2",
                "http://otel-collector:4317,    -,          1.0",
                "http://otel-collector:4317,    0.2,        0.2",
                "http://otel-collector:4317,    0,          0.0",
            })
    void ratio(String otlp, Double set, double used) {
        assertEquals(used, TraceExport.ratio(config(otlp, set)));
    }

    @ParameterizedTest
    @CsvSource({"-0.1", "1.5", "NaN"})
    void aRatioOutsideZeroToOneIsRefusedAtStart(double ratio) {
        assertThrows(IllegalArgumentException.class, () -> TraceExport.ratio(config("off", ratio)));
    }

    @ParameterizedTest(name = "endpoint {0}, ratio set {1}: new trace {2}, caller sampled {3}, caller not {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                // endpoint                   | ratio | a new trace   | caller's sampled trace | caller's unsampled one
                "off,                           -,      DROP,           RECORD_AND_SAMPLE,       DROP",
                "http://otel-collector:4317,    -,      RECORD_AND_SAMPLE, RECORD_AND_SAMPLE,    DROP",
                "http://otel-collector:4317,    0,      DROP,           RECORD_AND_SAMPLE,       DROP",
            })
    void aCallersTraceDecidesForItsRequests(
            String otlp, Double ratio, SamplingDecision root, SamplingDecision sampled, SamplingDecision unsampled) {
        var sampler = new TraceExport().sampler(config(otlp, ratio));
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        assertEquals(root, decide(sampler, Context.root(), traceId));
        assertEquals(sampled, decide(sampler, caller(traceId, TraceFlags.getSampled()), traceId));
        assertEquals(unsampled, decide(sampler, caller(traceId, TraceFlags.getDefault()), traceId));
    }

    private static Context caller(String traceId, TraceFlags flags) {
        var remote = SpanContext.createFromRemoteParent(traceId, "b7ad6b7169203331", flags, TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }

    private static SamplingDecision decide(
            io.opentelemetry.sdk.trace.samplers.Sampler sampler, Context parent, String traceId) {
        return sampler.shouldSample(parent, traceId, "GET /api/v1/ping", SpanKind.SERVER, Attributes.empty(), List.of())
                .getDecision();
    }
}
