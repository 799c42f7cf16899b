package com.oncopay.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "oncopay.tracing")
public interface TracingConfig {
    /** The OTLP endpoint spans are exported to, or {@code off} (no export; {@link TraceExport}). */
    @WithDefault("off")
    String otlp();

    /**
     * The share of requests whose spans are recorded (0 to 1), when a caller's trace does not decide
     * ({@code ONCOPAY_TRACE_SAMPLE_RATIO}). Unset: every request when spans are exported, none when they are not
     * ({@link TraceExport#ratio}).
     */
    java.util.Optional<Double> sampleRatio();
}
