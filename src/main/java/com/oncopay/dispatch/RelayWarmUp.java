package com.oncopay.dispatch;

import com.oncopay.platform.health.KafkaWellnessCheck;
import com.oncopay.platform.health.WarmUpLane;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The relay's part of the start-up warm-up (#22). A rehearsed write commits no outbox row, so the relay's Kafka
 * producer, SmallRye messaging and the SSE side's consumer were first compiled under the first real load: 580-930
 * methods of the Kafka client and 260-330 of messaging in a cold fulfilment or redemption (bench notes 2026-12-06
 * rehearsal). So while the warm-up runs, this sends rounds of made-up events, shaped as the relay's envelopes, through
 * the relay's own producer ({@code dispatch-out}: its client, serializers, acks and idempotence) to a topic of their
 * own, {@code oncopay.dispatch.warm-up-topic}, never to {@code dispatch-events}, which other consumers read. This
 * replica's consumer ({@code dispatch-in}) reads that topic too and finds no stream to wake: every event names a
 * made-up pharmacy and carries no one's data. As the relay, it sends nothing while Kafka is away, and waits for every
 * acknowledgement before the next round.
 */
@ApplicationScoped
public class RelayWarmUp implements WarmUpLane {
    /** Events per round, and the pause after each: about as many a second as a relay under the load publishes. */
    static final int ROUND = 50;

    static final Duration PAUSE = Duration.ofMillis(50);
    /** The made-up pharmacies its events are keyed by (spread over the topic's partitions as real ones are). */
    static final int PHARMACIES = 64;

    private static final OffsetDateTime MADE_AT = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MutinyEmitter<String> emitter;
    private final KafkaWellnessCheck kafka;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();

    public RelayWarmUp(
            @Channel("dispatch-out") MutinyEmitter<String> emitter,
            @io.smallrye.health.api.Wellness KafkaWellnessCheck kafka,
            DispatchConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "mp.messaging.outgoing.dispatch-out.topic")
                    String relayTopic) {
        this.emitter = emitter;
        this.kafka = kafka;
        this.topic = checked(config.warmUpTopic(), relayTopic);
    }

    /** The warm-up topic, unless it is blank or the relay's own topic: then the engine does not start. */
    static String checked(String warmUpTopic, String relayTopic) {
        if (warmUpTopic.isBlank() || warmUpTopic.strip().equals(relayTopic.strip()))
            throw new IllegalStateException("oncopay.dispatch.warm-up-topic must name a topic of its own, not '"
                    + warmUpTopic + "': made-up events must never reach the pharmacies' topic " + relayTopic);
        return warmUpTopic.strip();
    }

    @Override
    public Uni<Void> round() {
        long first = sent.getAndAdd(ROUND);
        List<Uni<Void>> sends = LongStream.range(first, first + ROUND)
                .mapToObj(n -> emitter.sendMessage(OutboxRelay.message(madeUp(n), topic)))
                .toList();
        return kafka.call()
                .flatMap(health -> health.getStatus() != HealthCheckResponse.Status.UP
                        ? Uni.createFrom().failure(new IllegalStateException("Kafka is down"))
                        : Uni.join().all(sends).andFailFast())
                .onItem()
                .delayIt()
                .by(PAUSE)
                .replaceWithVoid();
    }

    /** The {@code n}th made-up event: a pickup reserved at a made-up pharmacy, for no one. */
    static OutboxRepository.Unsent madeUp(long n) {
        return new OutboxRepository.Unsent(
                n + 1,
                pharmacy(n),
                n / PHARMACIES + 1,
                "PICKUP_RESERVED",
                "warm-up-" + n,
                new JsonObject()
                        .put("warmUp", true)
                        .put("drugId", "D001")
                        .put("drugName", "预热")
                        .put("packs", 1)
                        .put("pickupCode", "WARMUP"),
                MADE_AT);
    }

    private static String pharmacy(long n) {
        return "WARMUP-PH" + n % PHARMACIES;
    }
}
