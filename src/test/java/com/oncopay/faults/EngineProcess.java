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
import java.util.concurrent.TimeUnit;

/**
 * The packaged engine ({@code target/quarkus-app/quarkus-run.jar}) as a real process, launched the way
 * {@code bench/run} launches it: the dev profile (dev keys, demo products and pharmacies), the business clock
 * of the tests, rate limits off, the engine's fixed heap, a reactive pool of 8, its own HTTP and management ports, and
 * what {@code env} and {@code sysProps} add (service URLs, Kafka topic). Its log goes to
 * {@code target/faults/<name>.log}. Every engine still running when the JVM exits is killed.
 */
public final class EngineProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient HEALTH =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    /**
     * The JVM options of {@code scripts/lib.sh} ({@code ENGINE_JAVA_OPTS}, read from the script so that the engines
     * of the fault scenarios run with what production and the benchmark run with), then C1 only: a fault scenario
     * needs a quick start, not peak speed (half the start-up CPU on 2 cores).
     */
    static final List<String> JAVA_OPTS = javaOpts();

    private static List<String> javaOpts() {
        List<String> opts = new ArrayList<>(com.oncopay.deploy.EngineJvmOptions.ofScripts(root()));
        opts.add("-XX:TieredStopAtLevel=1");
        return List.copyOf(opts);
    }

    /** How long a start may take to be ready: 60 s (-Dfaults.ready-timeout=<s> on a machine shared with other builds). */
    static final int READY_SECONDS = Integer.getInteger("faults.ready-timeout", 60);

    private final String name;
    private final Map<String, String> env;
    private final List<String> sysProps;
    private final int port;
    private final int managementPort;
    private Process process;

    private EngineProcess(String name, Map<String, String> env, List<String> sysProps, int port, int managementPort) {
        this.name = name;
        this.env = env;
        this.sysProps = sysProps;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The project's folder (the engine's working directory: it reads config/dev-keys from there). */
    static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /** Starts an engine on free ports and waits up to 60 s ({@link #READY_SECONDS}) for its readiness. */
    public static EngineProcess start(String name, Map<String, String> env, List<String> sysProps) {
        int[] ports = freePorts(2);
        EngineProcess e = new EngineProcess(name, env, sysProps, ports[0], ports[1]);
        e.launch();
        return e;
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

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, without waiting: the caller watches the graceful shutdown ({@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process has ended within {@code ms}. */
    public boolean awaitExit(long ms) throws InterruptedException {
        return process.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then waits for the graceful shutdown (SIGKILL after 40 s). */
    public void stop() {
        if (process == null) return;
        process.destroy();
        if (!waitFor(40)) kill();
    }

    /** The same engine (name, settings, ports) started again once this one is gone; its log is appended to. */
    public EngineProcess restart() {
        if (alive()) stop();
        EngineProcess e = new EngineProcess(name, env, sysProps, port, managementPort);
        e.launch();
        return e;
    }

    @Override
    public void close() {
        stop();
    }

    /** The status of {@code /q/health/<which>} (ready, live, well), -1 when it does not answer. */
    public int health(String which) {
        try {
            return HEALTH.send(
                            HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/" + which))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Sleeps; an interruption fails the scenario. */
    static void sleep(long ms) {
        FaultSupport.sleep(ms);
    }

    public Path log() {
        return root().resolve("target/faults/" + name + ".log");
    }

    private void launch() {
        Path jar = root().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " missing: the fault suite runs after package");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JAVA_OPTS);
        cmd.add("-Dquarkus.profile=dev");
        // the fault scenarios time their own starts and restarts; the start-up warm-up has its own test
        cmd.add("-Doncopay.warm-up.duration=0S");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-Doncopay.clock.fixed=2026-11-23T10:00:00+08:00");
        cmd.add("-Dquarkus.datasource.reactive.max-size=8");
        cmd.add("-Dquarkus.log.level=WARN");
        cmd.add("-Dquarkus.log.category.\"com.oncopay\".level=INFO");
        cmd.addAll(sysProps);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().put("ONCOPAY_RATE_LIMIT_REQUESTS_PER_WINDOW", "0");
        pb.environment().put("ONCOPAY_RATE_LIMIT_IDENTITY_CHECKS_PER_MINUTE", "0");
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log().getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the engine " + name, e);
        }
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the engine " + name + " exited: " + tail());
            if (health("ready") == 200) return;
            FaultSupport.sleep(250);
        }
        kill();
        throw new IllegalStateException(
                "the engine " + name + " was not ready within " + READY_SECONDS + " s: " + tail());
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The engine's log from the line that reports the unexpected failure {@code incident} (a 500's traceId) on, with
     * its stack, for a failure message; the log's last lines when no line names it.
     */
    String incident(String incident) {
        try {
            List<String> lines = Files.readAllLines(log());
            for (int i = 0; i < lines.size(); i++)
                if (lines.get(i).contains("incident " + incident))
                    return String.join("\n", lines.subList(i, Math.min(lines.size(), i + 40)));
        } catch (IOException | RuntimeException e) {
            return "(no " + log() + ": " + e + ")";
        }
        return tail();
    }

    /** The last lines of the engine's log, for a failure message. */
    String tail() {
        return ChildProcesses.tail(log(), 30);
    }

    /**
     * {@code n} distinct ports free on 127.0.0.1, chosen below the kernel's ephemeral range
     * ({@code /proc/sys/net/ipv4/ip_local_port_range}). A fault scenario kills a service and starts it again on its
     * port; a port from the ephemeral range may meanwhile be taken as the local port of some outgoing connection
     * (a client reconnecting to the very service that is down), and the restart then fails to bind. Below the range
     * only a listener can take it, and no one else listens there.
     */
    static int[] freePorts(int n) {
        int low = ephemeralLow();
        int from = Math.max(1024, low - 12_000);
        int[] ports = new int[n];
        java.util.Set<Integer> chosen = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random();
        for (int i = 0, tries = 0; i < n; tries++) {
            if (tries > 10_000) throw new IllegalStateException("no free port in " + from + ".." + (low - 1));
            int port = from + random.nextInt(low - from);
            if (chosen.contains(port) || !bindable(port)) continue;
            chosen.add(port);
            ports[i++] = port;
        }
        return ports;
    }

    private static int ephemeralLow() {
        try {
            // (read by lines: Files.readString trusts the size /proc reports and returns its first byte)
            int low = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .strip()
                    .split("\\s+")[0]);
            return low > 3_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
