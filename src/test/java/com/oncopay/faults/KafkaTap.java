package com.oncopay.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the engines' dispatch topic from its end at construction, on a thread of its own, and keeps every event
 * envelope published after that (outbox row id, pharmacy, stream position) in the order the broker holds them.
 */
final class KafkaTap implements AutoCloseable {
    /** One record on the topic. */
    record Published(long eventId, String pharmacy, long seq) {}

    private final List<Published> records = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean closed;
    private volatile Exception failure;

    KafkaTap(String topic) throws InterruptedException {
        poller = new Thread(() -> poll(topic), "kafka-tap");
        poller.setDaemon(true);
        poller.start();
        if (!ready.await(30, TimeUnit.SECONDS) || failure != null)
            throw new IllegalStateException("cannot read topic " + topic, failure);
    }

    private void poll(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedServices.KAFKA);
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToEnd(parts);
            for (TopicPartition tp : parts) c.position(tp, Duration.ofSeconds(20));
            ready.countDown();
            while (!closed) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode e = ScenarioApi.parse(r.value());
                    synchronized (records) {
                        records.add(new Published(
                                e.path("eventId").asLong(),
                                e.path("pharmacyCode").asText(),
                                e.path("seq").asLong()));
                    }
                }
            }
        } catch (Exception e) {
            failure = e;
            ready.countDown();
        }
    }

    /** How many times each outbox row is on the topic. */
    Map<Long, Integer> copies() {
        Map<Long, Integer> n = new HashMap<>();
        synchronized (records) {
            for (Published r : records) n.merge(r.eventId(), 1, Integer::sum);
        }
        return n;
    }

    /** Waits until every one of these outbox rows is on the topic. */
    boolean awaitRows(List<Long> ids, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Map<Long, Integer> n = copies();
            if (ids.stream().allMatch(n::containsKey)) return true;
            EngineProcess.sleep(100);
        }
        return false;
    }

    /** Each pharmacy's stream positions, first copies only, come in increasing order. */
    boolean inOrderPerPharmacy() {
        Map<String, Long> last = new HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        synchronized (records) {
            for (Published r : records) {
                if (!seen.add(r.eventId())) continue;
                Long before = last.put(r.pharmacy(), r.seq());
                if (before != null && before >= r.seq()) return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        poller.join(5000);
    }
}
