package com.oncopay.platform.web;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Says at start which transport Vert.x runs on (#22): Netty's epoll on Linux, as configured
 * ({@code quarkus.vertx.prefer-native-transport}), or NIO where the native library did not load (another OS or CPU, a
 * {@code java.io.tmpdir} it cannot be unpacked to or run from). On Linux, NIO is a warning with the reason Netty gives.
 */
@ApplicationScoped
public class TransportReport {
    private static final Logger LOG = Logger.getLogger(TransportReport.class);

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            LOG.info("Vert.x transport: native (epoll)");
        } else if (expectsNative(System.getProperty("os.name"), System.getProperty("os.arch"))) {
            Throwable why = vertx.unavailableNativeTransportCause();
            LOG.warnf(
                    "Vert.x transport: NIO, the native transport did not load (%s)",
                    why == null ? "no cause given" : why);
        } else {
            LOG.info("Vert.x transport: NIO (no native transport for this platform)");
        }
    }

    /** Whether the engine ships Netty's native epoll library for this OS and CPU (pom.xml: linux x86_64, aarch64). */
    public static boolean expectsNative(String osName, String osArch) {
        if (osName == null || osArch == null) return false;
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }
}
