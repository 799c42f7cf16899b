package com.oncopay.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fault suite's own PostgreSQL (a new cluster: initdb, pg_ctl, as the postgres OS user under root), Redis (a
 * child without persistence) and one-node KRaft Kafka ({@link PrivateKafka}), on free ports under
 * /tmp/oncopay-faults/<pid>: killing them harms nothing else. One set and one engine per JVM; each service can be
 * killed and started again on its port; everything stops when the JVM exits.
 */
final class PrivateServices {
    static final String TOPIC = "faults-a-dispatch";
    private static PrivateServices instance;

    final Path dir =
            Path.of("/tmp/oncopay-faults", Long.toString(ProcessHandle.current().pid()));
    private final int[] ports = EngineProcess.freePorts(4);
    final int pgPort = ports[0];
    final int redisPort = ports[1];
    final int kafkaPort = ports[2];
    final int controllerPort = ports[3];
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private final Path pgBin = ChildProcesses.postgresBin();
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
        if (!ChildProcesses.listening(pgPort)) startPostgres();
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
                            "-Dmp.messaging.incoming.dispatch-in.topics=" + TOPIC));
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
            ChildProcesses.run(
                    dir,
                    pg(
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
            Files.writeString(
                    dir.resolve("kafka/server.properties"),
                    PrivateKafka.properties(kafkaPort, controllerPort, dir.resolve("kafka/data")));
            ChildProcesses.run(
                    dir,
                    PrivateKafka.command(
                            dir,
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
        ChildProcesses.run(
                dir,
                pg(
                        "pg_ctl",
                        "-D",
                        dir.resolve("pg").toString(),
                        "-l",
                        dir.resolve("pg.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + pgPort + " -k " + dir
                                + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                        "start"));
    }

    /** Every PostgreSQL process quits at once, without a checkpoint (pg_ctl stop -m immediate): a crash. */
    void killPostgres() {
        ChildProcesses.run(dir, pg("pg_ctl", "-D", dir.resolve("pg").toString(), "-m", "immediate", "-w", "stop"));
    }

    private List<String> pg(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (root) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.add(pgBin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    // --- Redis ---
    void startRedis() {
        redis = ChildProcesses.spawn(
                dir,
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
        ChildProcesses.await(redis, redisPort, 15, dir.resolve("redis.log"));
    }

    void killRedis() {
        ChildProcesses.kill(redis);
    }

    // --- Kafka ---
    /**
     * The broker, awaited up to 90 s; once more should the first try exit or not listen in time (a CI run saw a
     * broker that did not listen within 90 s and did on the next start), with the first try's log in the output.
     */
    void startKafka() {
        for (int attempt = 1; ; attempt++) {
            kafka = ChildProcesses.spawn(
                    dir,
                    PrivateKafka.command(
                            dir,
                            "kafka.Kafka",
                            dir.resolve("kafka/server.properties").toString()),
                    "kafka.log",
                    dir.resolve("kafka").toString());
            try {
                ChildProcesses.await(kafka, kafkaPort, 90, dir.resolve("kafka/server.log"));
                return;
            } catch (IllegalStateException e) {
                ChildProcesses.kill(kafka);
                if (attempt == 2) throw e;
                System.out.println("fault suite Kafka, try " + attempt + ": " + e.getMessage());
            }
        }
    }

    /** SIGKILL: the broker dies without a controlled shutdown. */
    void killKafka() {
        ChildProcesses.kill(kafka);
    }

    /**
     * Everything down (engine, Kafka, Redis, PostgreSQL), their logs copied to target/faults/private-*.log and
     * the folder removed; safe to call twice.
     */
    synchronized void close() {
        if (engine != null) engine.kill();
        ChildProcesses.kill(kafka);
        ChildProcesses.kill(redis);
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
        ChildProcesses.delete(dir);
    }

    private void stopPostgres(Path cluster) {
        if (!Files.exists(cluster.resolve("pg/postmaster.pid"))) return;
        try {
            ChildProcesses.run(
                    cluster, pg("pg_ctl", "-D", cluster.resolve("pg").toString(), "-m", "immediate", "-w", "stop"));
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
                ChildProcesses.delete(run);
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing left, or not ours
        }
    }
}
