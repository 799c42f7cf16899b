package com.oncopay.oidc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the sign-in test, started and stopped by the project's own scripts
 * (scripts/keycloak-up: the distribution from Maven Central, cached; the realm from
 * config/keycloak/oncopay-realm.json), on its own port, its log in target/oidc-it.
 */
final class LocalKeycloak implements AutoCloseable {
    static final String REALM = "oncopay";

    final int port;
    private final Process starting;
    private final Path log;

    private LocalKeycloak(int port, Process starting, Path log) {
        this.port = port;
        this.starting = starting;
        this.log = log;
    }

    /** Starts Keycloak in the background; {@link #awaitReady()} waits for its realm. */
    static LocalKeycloak start(int port, String pagesOrigin, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("keycloak.log");
        ProcessBuilder pb = new ProcessBuilder("scripts/keycloak-up")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keycloak-up.log").toFile());
        pb.environment().put("KEYCLOAK_PORT", String.valueOf(port));
        pb.environment().put("ONCOPAY_PAGES_ORIGIN", pagesOrigin);
        pb.environment().put("KEYCLOAK_LOG", log.toAbsolutePath().toString());
        return new LocalKeycloak(port, pb.start(), log);
    }

    void awaitReady() throws Exception {
        boolean done = starting.waitFor(330, TimeUnit.SECONDS);
        if (!done || starting.exitValue() != 0) {
            String tail = Files.exists(log) ? String.join("\n", lastLines(log, 40)) : "(no log)";
            throw new IllegalStateException("Keycloak did not start (scripts/keycloak-up):\n" + tail);
        }
    }

    String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    @Override
    public void close() throws Exception {
        starting.destroy();
        ProcessBuilder pb = new ProcessBuilder("scripts/keycloak-down").inheritIO();
        pb.environment().put("KEYCLOAK_PORT", String.valueOf(port));
        pb.start().waitFor(30, TimeUnit.SECONDS);
    }

    static java.util.List<String> lastLines(Path file, int n) throws IOException {
        var lines = Files.readAllLines(file);
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
}
