package com.oncopay.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged engine (target/quarkus-app, built by {@code package}) as its own process in the prod
 * profile, configured the way a deployment is, by environment: tokens verified against the issuer's
 * JWKS, no dev sign-in. Its own database (oncopay_oidc, made afresh), Redis db 15, Kafka topic and
 * ports; demo data on, so that the demo users' pharmacy and member exist.
 */
final class PackagedEngine implements AutoCloseable {
    static final String DATABASE = "oncopay_oidc";
    static final int REDIS_DB = 15;

    final int port;
    private final Process process;
    private final Path log;

    private PackagedEngine(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static PackagedEngine start(int port, int managementPort, Map<String, String> env, Path dir) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: the IT runs after `package`");
        freshDatabase();
        Files.createDirectories(dir);
        Path log = dir.resolve("engine.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-Dquarkus.profile=prod",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.reactive.max-size=8",
                "-Doncopay.coverage.demo-data=true",
                // the start-up warm-up, in the prod profile (rate limits on, real identity provider): shorter than its
                // 20 s, and than its 120 s while the JIT is busy
                "-Doncopay.warm-up.duration=5S",
                "-Doncopay.warm-up.max-duration=10S",
                "-Dquarkus.log.console.json.enabled=false",
                "-Dmp.messaging.outgoing.dispatch-out.topic=dispatch-events-oidc",
                "-Dmp.messaging.incoming.dispatch-in.topics=dispatch-events-oidc",
                "-jar",
                jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("ONCOPAY_DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE + "?search_path=oncopay");
        e.put("ONCOPAY_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE + "?currentSchema=oncopay");
        e.put("ONCOPAY_DB_PASSWORD", "oncopay-dev");
        e.put("ONCOPAY_DB_MIGRATION_PASSWORD", "local-trust");
        e.put("ONCOPAY_REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB);
        // keys of this test only (the prod profile refuses the committed dev keys)
        e.put("ONCOPAY_FIELD_KEY", key("oncopay-oidc-it field"));
        e.put("ONCOPAY_LOOKUP_KEY", key("oncopay-oidc-it lookup"));
        e.putAll(env);
        PackagedEngine engine = new PackagedEngine(port, pb.start(), log);
        engine.awaitReady(managementPort);
        return engine;
    }

    private void awaitReady(int managementPort) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) break;
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    warmedUp();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "the engine did not become ready:\n" + String.join("\n", LocalKeycloak.lastLines(log, 60)));
    }

    /** Ready only after its warm-up, whose requests were all answered as it expects (200, 404, 422). */
    private void warmedUp() throws IOException {
        List<String> lines = Files.readAllLines(log).stream()
                .filter(l -> l.contains("warm-up: ") && l.contains("requests, answered"))
                .toList();
        if (lines.size() != 1
                || !lines.get(0).contains("; ready")
                || lines.get(0).contains("missed paths"))
            throw new IllegalStateException("the warm-up did not end as expected: " + lines);
    }

    /** Drops and recreates the test's own database: every run starts from the migrations and the demo data. */
    static void freshDatabase() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE);
        }
    }

    private static String key(String label) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)));
    }

    String base() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
