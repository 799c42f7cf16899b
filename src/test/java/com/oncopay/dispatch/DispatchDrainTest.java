package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

/**
 * #21 item 3, without a server: when the shutdown delay starts, every open dispatch stream gets a final
 * comment telling its client to reconnect with Last-Event-ID, and ends; a stream opened while draining ends
 * at once the same way. The connection gauge goes back to 0.
 */
class DispatchDrainTest {
    /** An outbox with nothing in it. */
    static final class EmptyOutbox extends OutboxRepository {
        @Override
        public Uni<List<Streamed>> stream(
                Tx tx, String pharmacyCode, long after, java.time.OffsetDateTime since, int limit) {
            return Uni.createFrom().item(List.of());
        }
    }

    static final DispatchConfig CONFIG = config(Duration.ofHours(1));

    static DispatchConfig config(Duration heartbeat) {
        return new DispatchConfig() {
            public Duration relayInterval() {
                return Duration.ofMillis(50);
            }

            public int relayBatch() {
                return 200;
            }

            public Duration retention() {
                return Duration.ofDays(30);
            }

            public Duration heartbeat() {
                return heartbeat;
            }

            public NotifyMode notifyMode() {
                return NotifyMode.AFTER_COMMIT;
            }

            public Duration notifySpacing() {
                return Duration.ofMillis(20);
            }

            public String notifyChannel() {
                return "oncopay_outbox";
            }

            public String warmUpTopic() {
                return "dispatch-events-warm-up";
            }
        };
    }

    @Test
    void open_streams_get_a_final_comment_and_end_when_the_replica_drains() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DispatchHub hub = new DispatchHub(meters);
        DispatchStream stream = new DispatchStream(new Transactions(null), new EmptyOutbox(), hub, CONFIG);

        AssertSubscriber<DispatchStream.Item> open =
                stream.live("PH-1", 42).subscribe().withSubscriber(AssertSubscriber.create(10));
        AssertSubscriber<DispatchStream.Item> other =
                stream.live("PH-2", 0).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(
                2.0, meters.get("oncopay.dispatch.live.connections").gauge().value());
        assertFalse(open.hasCompleted());

        hub.drain(new io.quarkus.runtime.ShutdownDelayInitiatedEvent());

        for (AssertSubscriber<DispatchStream.Item> s : List.of(open, other)) {
            s.awaitCompletion();
            List<DispatchStream.Item> items = s.getItems();
            assertTrue(items.get(items.size() - 1).closing(), "the last item tells the client to reconnect");
        }
        assertEquals(
                0.0, meters.get("oncopay.dispatch.live.connections").gauge().value());

        // opened while draining: told at once, and ended
        AssertSubscriber<DispatchStream.Item> late =
                stream.live("PH-1", 0).subscribe().withSubscriber(AssertSubscriber.create(10));
        late.awaitCompletion();
        assertEquals(
                List.of(true),
                late.getItems().stream().map(DispatchStream.Item::closing).toList());
        assertEquals(
                0.0, meters.get("oncopay.dispatch.live.connections").gauge().value());
    }

    /**
     * Heartbeats every millisecond from the ticker's thread while the drain closes from this one, and the client
     * is slow to take the closing item (5 ms): a heartbeat emitted meanwhile must not follow it. Before the cursor
     * emitted under a lock, the heartbeat queued behind the closing item was delivered before the end, and this
     * failed (CI, 2026-12-03).
     */
    @Test
    void no_heartbeat_follows_the_closing_item() throws InterruptedException {
        DispatchHub hub = new DispatchHub(new SimpleMeterRegistry());
        DispatchStream stream =
                new DispatchStream(new Transactions(null), new EmptyOutbox(), hub, config(Duration.ofMillis(1)));
        List<AssertSubscriber<DispatchStream.Item>> streams = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(stream.live("PH-" + i, 0)
                    .onItem()
                    .invoke(item -> {
                        if (item.closing())
                            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                    })
                    .subscribe()
                    .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)));
        }
        // every stream has had a heartbeat, and the ticker goes on while the drain closes them (a fixed 20 ms was not
        // always enough for the first heartbeat on a busy 2-core CI machine: CI, 2026-12-05)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (AssertSubscriber<DispatchStream.Item> s : streams)
            while (s.getItems().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "a heartbeat within 10 s");
                Thread.sleep(1);
            }

        hub.drain();

        for (AssertSubscriber<DispatchStream.Item> s : streams) {
            s.awaitCompletion();
            List<DispatchStream.Item> items = s.getItems();
            assertTrue(items.size() > 1, "heartbeats came before the drain");
            assertTrue(items.get(items.size() - 1).closing(), "the closing item is the last");
            assertEquals(1, items.stream().filter(DispatchStream.Item::closing).count());
        }
    }

    @Test
    void the_final_item_is_an_sse_comment_naming_last_event_id_with_a_reconnect_delay() {
        OutboundSseEvent last = DispatchResource.sse(new SseImpl(), DispatchStream.Item.CLOSING);
        assertEquals("shutting down, reconnect with Last-Event-ID", last.getComment());
        assertEquals(1000, last.getReconnectDelay());
        assertEquals(null, last.getId());
        assertEquals(
                "keepalive",
                DispatchResource.sse(new SseImpl(), new DispatchStream.Item(null))
                        .getComment());
    }
}
