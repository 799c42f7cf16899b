package com.oncopay.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packaged engine ({@code target/quarkus-app/quarkus-run.jar}) as a real process, launched the way
 * {@code bench/run} launches it: the dev profile (dev keys, demo products), its own HTTP and management ports,
 * the business clock of the tests, a small heap and a pool of 8, rate limits off unless the scenario sets them.
 * The scenario's {@code env} (database, Redis, Kafka) and {@code sysProps} come last and win. Its log goes to
 * {@code target/faults/<name>.log}. Every engine still alive when the test JVM ends is killed.
 */
public final class EngineProcess implements AutoCloseable {
    static final String JAR = "target/quarkus-app/quarkus-run.jar";
    /** 60 s; {@code -Dfaults.ready-seconds} gives more on a machine that is busy with other work. */
    static final Duration READY_WITHIN = Duration.ofSeconds(Long.getLong("faults.ready-seconds", 60));

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final Map<String, String> env;
    private final List<String> sysProps;
    private final int port;
    private final int managementPort;
    private final Process process;

    private EngineProcess(
            String name, Map<String, String> env, List<String> sysProps, int port, int managementPort, Process p) {
        this.name = name;
        this.env = env;
        this.sysProps = sysProps;
        this.port = port;
        this.managementPort = managementPort;
        this.process = p;
    }

    /** Starts an engine on free ports and waits (up to 60 s) until it is ready. */
    public static EngineProcess start(String name, Map<String, String> env, List<String> sysProps) {
        return start(name, env, sysProps, freePort(), freePort());
    }

    private static EngineProcess start(
            String name, Map<String, String> env, List<String> sysProps, int port, int managementPort) {
        if (!Files.exists(Path.of(JAR)))
            throw new IllegalStateException(JAR + " is missing: the fault suite runs after `mvn package`");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseG1GC",
                "-Xms160m",
                "-Xmx160m",
                "-XX:MaxMetaspaceSize=160m",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=96m",
                "-Xss512k",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=dev",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Doncopay.clock.fixed=2026-11-23T10:00:00+08:00",
                "-Dquarkus.datasource.reactive.max-size=8",
                "-Doncopay.rate-limit.requests-per-window=0",
                "-Doncopay.rate-limit.identity-checks-per-minute=0",
                "-Doncopay.rate-limit.public-catalog-requests-per-window=0",
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"com.oncopay\".level=INFO"));
        cmd.addAll(sysProps);
        cmd.add("-jar");
        cmd.add(JAR);
        Path log = Path.of("target", "faults", name + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            LIVE.add(p);
            EngineProcess engine = new EngineProcess(name, env, sysProps, port, managementPort, p);
            engine.awaitReady(log);
            return engine;
        } catch (IOException e) {
            throw new IllegalStateException("could not start engine " + name, e);
        }
    }

    private void awaitReady(Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new IllegalStateException(
                        "engine " + name + " exited (" + process.exitValue() + "): " + tail(log));
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException("engine " + name + " not ready within " + READY_WITHIN + ": " + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no drain, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, then up to 30 s for the graceful shutdown (SIGKILL after that). */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) kill();
    }

    /** The same engine again (same name, settings and ports), after this one has ended. */
    public EngineProcess restart() {
        if (process.isAlive()) stop();
        return start(name, env, sysProps, port, managementPort);
    }

    private boolean waitFor(Duration d) {
        try {
            boolean ended = process.waitFor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (ended) LIVE.remove(process);
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
        LIVE.remove(process);
    }
}
