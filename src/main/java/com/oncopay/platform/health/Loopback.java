package com.oncopay.platform.health;

import io.quarkus.runtime.LaunchMode;
import org.eclipse.microprofile.config.Config;

/**
 * Where the engine reaches itself over loopback, as its start-up warm-up does: its HTTP server, or its management
 * interface (health, metrics), which is the HTTP server itself where the management interface is off (the tests).
 * A server bound to every address, or to {@code localhost}, is reached at {@code 127.0.0.1}.
 */
record Loopback(String host, int port) {
    static Loopback http(Config config) {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        int port = config.getOptionalValue(test ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class)
                .orElse(test ? 8081 : 8080);
        return new Loopback(reachable(config.getOptionalValue("quarkus.http.host", String.class)), port);
    }

    static Loopback management(Config config) {
        if (!config.getOptionalValue("quarkus.management.enabled", Boolean.class)
                .orElse(false)) return http(config);
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        int port = config.getOptionalValue(
                        test ? "quarkus.management.test-port" : "quarkus.management.port", Integer.class)
                .orElse(test ? 9001 : 9000);
        return new Loopback(reachable(config.getOptionalValue("quarkus.management.host", String.class)), port);
    }

    /**
     * A client of the engine itself at this address: {@code connections} kept alive, each closed after 5 s idle (the
     * warm-up's requests and its metrics scrape).
     */
    io.vertx.core.http.HttpClient client(io.vertx.core.Vertx vertx, int connections) {
        return vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setDefaultHost(host)
                .setDefaultPort(port)
                .setMaxPoolSize(connections)
                .setKeepAlive(true)
                .setIdleTimeout(5));
    }

    private static String reachable(java.util.Optional<String> host) {
        String h = host.orElse("0.0.0.0");
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("localhost") ? "127.0.0.1" : h;
    }
}
