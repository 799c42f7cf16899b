package com.oncopay.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Spans leave the process only when an OTLP endpoint is given ({@code ONCOPAY_OTLP_ENDPOINT}). Without
 * one, this exporter that drops every span stands in for Quarkus' OTLP exporter (which is created only
 * when no exporter bean is there), so that a dev run, the tests or a pod without a collector log no
 * export errors; traces still give every log line and problem body its trace id.
 *
 * <p>Which requests record spans is decided here too ({@link #sampler}): without an endpoint, and unless a ratio is
 * set, none does, since what they recorded would only be dropped. An unrecorded request still has its trace id, and a
 * caller's sampled trace is still followed. What this saves is small: in a cached eligibility check OpenTelemetry held
 * 8.2% of the engine's CPU with every request recorded and 6.7% with none. Most of it is the HTTP server
 * instrumentation reading the request's URL and addresses before the sampler is asked, which every request pays
 * (#22, bench/results/2026-12-06-vm-2c-sampled-notes.md).
 */
@Singleton
public class TraceExport {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TraceExport.class);

    void announce(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event, TracingConfig config) {
        double ratio = ratio(config);
        if ("off".equals(config.otlp()))
            LOG.infof(
                    "Traces are not exported (ONCOPAY_OTLP_ENDPOINT is not set); trace ids are in logs and problem bodies; "
                            + "spans recorded for %s of requests",
                    ratio);
        else LOG.infof("Traces are exported over OTLP to %s, for %s of requests", config.otlp(), ratio);
    }

    /** The share of requests that record spans: the ratio set, else all when they are exported and none when not. */
    static double ratio(TracingConfig config) {
        double ratio = config.sampleRatio().orElse("off".equals(config.otlp()) ? 0.0 : 1.0);
        if (!(ratio >= 0 && ratio <= 1))
            throw new IllegalArgumentException("oncopay.tracing.sample-ratio must be from 0 to 1, not " + ratio);
        return ratio;
    }

    /**
     * Parent-based: a request that comes with a caller's trace follows that trace's decision; any other records its
     * spans for {@link #ratio} of trace ids. (Quarkus takes a sampler bean over its configured one, and still leaves
     * out the paths it never traces, such as {@code /q/*}.)
     */
    @Produces
    @Singleton
    Sampler sampler(TracingConfig config) {
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(config)));
    }

    @Produces
    @Singleton
    @LookupIfProperty(name = "oncopay.tracing.otlp", stringValue = "off")
    SpanExporter nowhere() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
