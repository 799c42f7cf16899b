package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * #22: the relay's part of the start-up warm-up. Against the real broker: a round's made-up events go through the
 * relay's own producer to the warm-up topic, as the relay's envelopes, naming made-up pharmacies only and carrying no
 * one's data; none of them reaches {@code dispatch-events}, which other consumers read; and this replica's SSE
 * consumer reads the warm-up topic, so its record path is warmed too.
 */
@QuarkusTest
class RelayWarmUpTest {
    static final String TOPIC = "dispatch-events-warm-up";

    @Inject
    RelayWarmUp warmUp;

    @Test
    void a_round_publishes_made_up_events_to_the_warm_up_topic_and_none_to_dispatch_events() {
        try (KafkaConsumer<String, String> events = DispatchStreamTest.consumerFromTheStart();
                KafkaConsumer<String, String> warm = DispatchStreamTest.consumerFromTheStart()) {
            Map<TopicPartition, Long> eventsEnd = endOffsets(events, "dispatch-events");
            warmUp.round().await().atMost(Duration.ofSeconds(30)); // Kafka acknowledged all of them
            warmUp.round().await().atMost(Duration.ofSeconds(30));

            Map<TopicPartition, Long> warmEnd = endOffsets(warm, TOPIC);
            List<ConsumerRecord<String, String>> published = readUpTo(warm, warmEnd, Map.of());
            assertTrue(
                    published.size() >= 2 * RelayWarmUp.ROUND, "two rounds on the warm-up topic: " + published.size());
            for (ConsumerRecord<String, String> r :
                    published.subList(published.size() - 2 * RelayWarmUp.ROUND, published.size())) {
                JsonObject e = new JsonObject(r.value());
                assertTrue(r.key().startsWith("WARMUP-PH"), "keyed by a made-up pharmacy: " + r.key());
                assertEquals(r.key(), e.getString("pharmacyCode"), "the envelope names its key's pharmacy");
                assertEquals(
                        Set.of("eventId", "pharmacyCode", "seq", "event", "aggregateId", "createdAt", "data"),
                        e.fieldNames());
                assertEquals(true, e.getJsonObject("data").getBoolean("warmUp"));
                assertFalse(r.value().matches("(?s).*\\d{17}[\\dX].*"), "no identity number: " + r.value());
                assertFalse(r.value().contains("icd10") || r.value().contains("diagnos"), "no diagnosis: " + r.value());
            }
            // keys spread over the topic's partitions, as real pharmacies' are
            assertTrue(
                    published.stream().map(ConsumerRecord::partition).distinct().count() > 1);

            List<ConsumerRecord<String, String>> onEvents =
                    readUpTo(events, endOffsets(events, "dispatch-events"), eventsEnd);
            assertEquals(
                    List.of(),
                    onEvents.stream()
                            .map(ConsumerRecord::key)
                            .filter(k -> k.startsWith("WARMUP-"))
                            .toList(),
                    "no warm-up event on dispatch-events");
        }
    }

    @Test
    void this_replicas_sse_consumer_reads_the_warm_up_topic_too() throws Exception {
        var props = new java.util.Properties();
        props.put(
                "bootstrap.servers",
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("kafka.bootstrap.servers", String.class));
        warmUp.round().await().atMost(Duration.ofSeconds(30)); // the topic exists
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            String group = "oncopay-sse-"
                    + org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.uuid", String.class);
            Set<String> topics = Set.of();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!topics.contains(TOPIC) && System.currentTimeMillis() < deadline) {
                topics = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .map(TopicPartition::topic)
                        .collect(Collectors.toSet());
                if (!topics.contains(TOPIC)) Thread.sleep(500);
            }
            assertEquals(Set.of("dispatch-events", TOPIC), topics, "the SSE consumer's partitions");
        }
    }

    @Test
    void the_warm_up_topic_is_never_the_relays_own() {
        assertEquals("dispatch-events-warm-up", RelayWarmUp.checked(" dispatch-events-warm-up ", "dispatch-events"));
        for (String topic : new String[] {"dispatch-events", " dispatch-events ", "", "  "})
            org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalStateException.class, () -> RelayWarmUp.checked(topic, "dispatch-events"), topic);
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    /** Every record of the partitions from {@code from} (or their start) up to {@code end}. */
    private static List<ConsumerRecord<String, String>> readUpTo(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, Map<TopicPartition, Long> from) {
        consumer.assign(end.keySet());
        end.keySet().forEach(tp -> {
            if (from.containsKey(tp)) consumer.seek(tp, from.get(tp));
            else consumer.seekToBeginning(List.of(tp));
        });
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.currentTimeMillis() < deadline)
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        return read;
    }
}
