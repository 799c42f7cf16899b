package com.oncopay.platform.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "oncopay.tracing")
public interface TracingConfig {
    /** The OTLP endpoint spans are exported to, or {@code off} (no export; {@link TraceExport}). */
    @WithDefault("off")
    String otlp();
}
