package com.oncopay.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A one-node KRaft broker of the fault suite's own, as scripts/services-up runs the shared one: its command line
 * (the broker jars services-up fetched into the cache folder) and its settings, with its own ports and folder.
 */
final class PrivateKafka {
    private PrivateKafka() {}

    static List<String> command(Path dir, String main, String... args) {
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

    static String properties(int kafkaPort, int controllerPort, Path dir) {
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
}
