package com.oncopay.faults;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PostgreSQL, Redis and Kafka of the fault suite's own, on free ports, so that killing them harms nothing
 * else: a new PostgreSQL cluster from the Debian binaries (run as the {@code postgres} OS user when this
 * runs as root; trust authentication, socket and data under /tmp/oncopay-faults/<pid>), a
 * {@code redis-server} child process without persistence, and a one-node KRaft Kafka from the broker jars
 * {@code scripts/services-up} fetched. One set per JVM (the scenarios share it and one engine), each
 * service can be killed and started again on the same port, and everything is stopped when the JVM exits.
 */
final class PrivateServices {
    static final String TOPIC = "faults-a-dispatch";
    private static PrivateServices instance;

    final Path dir =
            Path.of("/tmp/oncopay-faults", Long.toString(ProcessHandle.current().pid()));
    final int pgPort = EngineProcess.freePort();
    final int redisPort = EngineProcess.freePort();
    final int kafkaPort = EngineProcess.freePort();
    final int controllerPort = EngineProcess.freePort();
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private final Path pgBin = pgBin();
    private Process redis;
    private Process kafka;
    private EngineProcess engine;

    /** The services (started on first use) and the one engine of the suite that runs against them. */
    static synchronized PrivateServices get() {
        if (instance == null) {
            instance = new PrivateServices();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
            instance.start();
        }
        return instance;
    }

    synchronized EngineProcess engine() {
        // what an earlier scenario killed and, failing, did not start again
        if (!listening(pgPort)) startPostgres();
        if (redis == null || !redis.isAlive()) startRedis();
        if (kafka == null || !kafka.isAlive()) startKafka();
        if (engine == null || !engine.alive())
            engine = EngineProcess.start(
                    "faults-a",
                    Map.of(
                            "ONCOPAY_DB_REACTIVE_URL",
                            "postgresql://127.0.0.1:" + pgPort + "/oncopay?search_path=oncopay",
                            "ONCOPAY_DB_JDBC_URL",
                            "jdbc:postgresql://127.0.0.1:" + pgPort + "/oncopay?currentSchema=oncopay",
                            "ONCOPAY_REDIS_URL",
                            "redis://127.0.0.1:" + redisPort,
                            "ONCOPAY_KAFKA_BOOTSTRAP",
                            "127.0.0.1:" + kafkaPort),
                    List.of(
                            "-Dmp.messaging.outgoing.dispatch-out.topic=" + TOPIC,
                            "-Dmp.messaging.incoming.dispatch-in.topic=" + TOPIC));
        return engine;
    }

    private void start() {
        long t0 = System.nanoTime();
        removeLeftovers();
        try {
            Files.createDirectories(dir);
            if (root) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            }
            run(pg(
                    "initdb",
                    "-D",
                    dir.resolve("pg").toString(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync"));
            startPostgres();
            try (Connection c = DriverManager.getConnection(jdbc("postgres"), "postgres", "")) {
                c.createStatement().execute("create role oncopay_app login password 'oncopay-dev'");
                c.createStatement().execute("create database oncopay");
            }
            startRedis();
            Files.createDirectories(dir.resolve("kafka/data"));
            Files.writeString(dir.resolve("kafka/server.properties"), kafkaProperties());
            run(kafkaCommand(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    org.apache.kafka.common.Uuid.randomUuid().toString(),
                    "-c",
                    dir.resolve("kafka/server.properties").toString()));
            startKafka();
        } catch (IOException | SQLException e) {
            close();
            throw new IllegalStateException("cannot start the fault suite's own services", e);
        }
        System.out.printf(
                "fault suite services up in %d ms: PostgreSQL %d, Redis %d, Kafka %d (%s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), pgPort, redisPort, kafkaPort, dir);
    }

    // --- PostgreSQL ---

    String jdbc(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database + "?currentSchema=oncopay";
    }

    /** A connection to the engine's database as the superuser (to read what the engine wrote). */
    Connection db() throws SQLException {
        return DriverManager.getConnection(jdbc("oncopay"), "postgres", "");
    }

    void startPostgres() {
        run(pg(
                "pg_ctl",
                "-D",
                dir.resolve("pg").toString(),
                "-l",
                dir.resolve("pg.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + pgPort + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                "start"));
    }

    /** Every PostgreSQL process quits at once, without a checkpoint (pg_ctl stop -m immediate): a crash. */
    void killPostgres() {
        run(pg("pg_ctl", "-D", dir.resolve("pg").toString(), "-m", "immediate", "-w", "stop"));
    }

    private List<String> pg(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (root) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.add(pgBin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Path pgBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql/*/bin", e);
        }
    }

    // --- Redis ---

    void startRedis() {
        redis = spawn(
                List.of(
                        "redis-server",
                        "--port",
                        "" + redisPort,
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"),
                "redis.log",
                "127.0.0.1:" + redisPort);
        await(redisPort, 15);
    }

    void killRedis() {
        kill(redis);
    }

    // --- Kafka ---

    void startKafka() {
        kafka = spawn(
                kafkaCommand(
                        "kafka.Kafka", dir.resolve("kafka/server.properties").toString()),
                "kafka.log",
                dir.resolve("kafka").toString());
        await(kafkaPort, 90);
    }

    /** SIGKILL: the broker dies without a controlled shutdown. */
    void killKafka() {
        kill(kafka);
    }

    private List<String> kafkaCommand(String main, String... args) {
        String cache = System.getenv("ONCOPAY_CACHE_DIR");
        if (cache == null)
            cache = (System.getenv("XDG_CACHE_HOME") != null
                            ? System.getenv("XDG_CACHE_HOME")
                            : System.getProperty("user.home") + "/.cache")
                    + "/oncopay";
        Path libs;
        try (Stream<Path> dirs = Files.list(Path.of(cache))) {
            libs = dirs.filter(d -> d.getFileName().toString().startsWith("kafka-"))
                    .map(d -> d.resolve("libs"))
                    .filter(l -> Files.exists(l.resolve(".complete")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "no Kafka broker jars under " + cache + "/kafka-*/libs: run scripts/services-up first", e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx256m",
                "-XX:+UseG1GC",
                "-Dkafka.logs.dir=" + dir.resolve("kafka"),
                "-Dlog4j2.configurationFile=" + EngineProcess.root().resolve("scripts/kafka/log4j2.properties"),
                "-cp",
                libs + "/*",
                main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String kafkaProperties() {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(kafkaPort, controllerPort, dir.resolve("kafka/data"));
    }

    // --- processes ---

    /** {@code cmd} as a child process; {@code marker} is what its command line shows (to find it again after a crash). */
    private Process spawn(List<String> cmd, String logName, String marker) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve(logName).toFile()))
                    .start();
            // for the next run to stop it should this JVM die without its shutdown hook (SIGKILL)
            Files.writeString(
                    dir.resolve("pids"),
                    p.pid() + " " + marker + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        }
    }

    private void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("commands.log").toFile()))
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IllegalStateException(cmd + " failed; see " + dir.resolve("commands.log"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void kill(Process p) {
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(int port, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!listening(port)) {
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("nothing listens on " + port + " after " + seconds + " s");
            FaultApi.sleep(100);
        }
    }

    /**
     * Everything down (engine, Kafka, Redis, PostgreSQL), their logs copied to target/faults/private-*.log and
     * the folder removed; safe to call twice.
     */
    synchronized void close() {
        if (engine != null) engine.kill();
        kill(kafka);
        kill(redis);
        stopPostgres(dir);
        for (String log : List.of("pg.log", "redis.log", "kafka.log", "kafka/server.log", "commands.log")) {
            try {
                Path target = EngineProcess.root().resolve("target/faults/private-" + log.replace('/', '-'));
                if (Files.exists(dir.resolve(log)))
                    Files.copy(dir.resolve(log), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // a log less
            }
        }
        delete(dir);
    }

    private void stopPostgres(Path cluster) {
        if (!Files.exists(cluster.resolve("pg/postmaster.pid"))) return;
        try {
            run(pg("pg_ctl", "-D", cluster.resolve("pg").toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException ignored) {
            // already down
        }
    }

    /** What an earlier run killed with SIGKILL left: its PostgreSQL, Redis and Kafka stopped, its folder removed. */
    private void removeLeftovers() {
        try (Stream<Path> runs = Files.list(dir.getParent())) {
            for (Path run : runs.toList()) {
                long pid = Long.parseLong(run.getFileName().toString());
                if (ProcessHandle.of(pid).isPresent()) continue;
                stopPostgres(run);
                if (Files.exists(run.resolve("pids")))
                    for (String child : Files.readAllLines(run.resolve("pids"))) {
                        String[] pidAndMarker = child.strip().split(" ", 2);
                        ProcessHandle.of(Long.parseLong(pidAndMarker[0]))
                                .filter(h -> h.info().commandLine().orElse("").contains(pidAndMarker[1]))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                delete(run);
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing left, or not ours
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover folder under /tmp
        }
    }
}
