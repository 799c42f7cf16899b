package com.oncopay.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Spans leave the process only when an OTLP endpoint is given ({@code ONCOPAY_OTLP_ENDPOINT}). Without
 * one, this exporter that drops every span stands in for Quarkus' OTLP exporter (which is created only
 * when no exporter bean is there), so that a dev run, the tests or a pod without a collector log no
 * export errors; traces still give every log line and problem body its trace id.
 */
@Singleton
public class TraceExport {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TraceExport.class);

    void announce(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event, TracingConfig config) {
        if ("off".equals(config.otlp()))
            LOG.info(
                    "Traces are not exported (ONCOPAY_OTLP_ENDPOINT is not set); trace ids are in logs and problem bodies");
        else LOG.infof("Traces are exported over OTLP to %s", config.otlp());
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
