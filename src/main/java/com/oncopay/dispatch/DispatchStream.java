package com.oncopay.dispatch;

import com.oncopay.platform.db.Transactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pharmacy's dispatch stream: what it missed after a position (replayed from
 * PostgreSQL), then live. Each connection keeps a cursor (the last position sent) and
 * reads {@code seq > cursor} whenever it is poked by a Kafka event or a heartbeat tick, one
 * read at a time: no gap and no duplicate at the seam between replay and live, and nothing
 * lost while the broker is down (the heartbeat still reads PostgreSQL). An event committed on this
 * replica that is exactly the cursor's next position is emitted as it is, without the read.
 */
@ApplicationScoped
public class DispatchStream {
    /** {@code recordedAt}: when the event was written to the outbox (also in {@code data}). */
    public record Event(long id, String event, JsonObject data, OffsetDateTime recordedAt) {
        /** The event of an outbox row: its payload and, added to it, {@code recordedAt}. */
        static Event of(long seq, String eventType, JsonObject payload, OffsetDateTime createdAt) {
            // recordedAt: when the event was written to the outbox; lets a consumer measure delivery delay
            return new Event(seq, eventType, payload.copy().put("recordedAt", createdAt.toString()), createdAt);
        }
    }

    /** An item of the stream: an event, a heartbeat when {@code event} is null, or the last one ({@code closing}). */
    public record Item(Event event, boolean closing) {
        Item(Event event) {
            this(event, false);
        }

        static final Item CLOSING = new Item(null, true);
    }

    private static final int PAGE = 500;

    /**
     * How far before the last event it sent a live cursor still looks. A later position can carry an earlier
     * {@code created_at} only by the time between taking the wall clock and inserting the row, inside one
     * transaction (seconds at most); a day covers that and a replica's clock skew, and lets the read skip every
     * daily partition before yesterday's.
     */
    static final Duration LOOK_BACK = Duration.ofDays(1);

    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final DispatchHub hub;
    private final DispatchConfig config;

    public DispatchStream(Transactions transactions, OutboxRepository outbox, DispatchHub hub, DispatchConfig config) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.hub = hub;
        this.config = config;
    }

    public Uni<List<Event>> after(String pharmacy, long after, int limit) {
        return after(pharmacy, after, OutboxRepository.ALL, limit);
    }

    /** The events after position {@code after}, looking only at rows written at or after {@code since}. */
    Uni<List<Event>> after(String pharmacy, long after, OffsetDateTime since, int limit) {
        return outbox.stream(transactions.autoCommit(), pharmacy, after, since, limit)
                .map(rows -> rows.stream()
                        .map(r -> Event.of(r.seq(), r.eventType(), r.payload(), r.createdAt()))
                        .toList());
    }

    public Multi<Item> live(String pharmacy, long after) {
        return Multi.createFrom().emitter(em -> new Cursor(pharmacy, after, em).start());
    }

    private final class Cursor {
        private final String pharmacy;
        private final AtomicLong position;
        /** Rows written before it are not read: the last event's time less {@link #LOOK_BACK} (at first: all). */
        private volatile OffsetDateTime since = OutboxRepository.ALL;

        private final MultiEmitter<? super Item> em;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private Cancellable pokes, ticks;
        private final Runnable closer = this::close;
        /** Set once by {@link #close()}; every item is emitted under the cursor's lock and only while it is false. */
        private boolean ended;

        Cursor(String pharmacy, long after, MultiEmitter<? super Item> em) {
            this.pharmacy = pharmacy;
            this.position = new AtomicLong(after);
            this.em = em;
        }

        void start() {
            if (!hub.opened(closer)) {
                close();
                return;
            }
            pokes = hub.pokes(pharmacy)
                    .subscribe()
                    .with(
                            poke -> {
                                if (poke.seq() > position.get()) offer(poke);
                            },
                            e -> {});
            ticks = Multi.createFrom()
                    .ticks()
                    .every(config.heartbeat())
                    .subscribe()
                    .with(t -> {
                        emit(new Item(null));
                        read();
                    });
            em.onTermination(() -> {
                pokes.cancel();
                ticks.cancel();
                hub.closed(closer);
            });
            read();
        }

        /** Shutting down: a last item (the client reconnects elsewhere with Last-Event-ID), then the end. */
        void close() {
            hub.closed(closer);
            synchronized (this) {
                if (ended) return;
                ended = true;
            }
            // no other item can follow: a heartbeat or an event emitted from now on is dropped by emit
            if (em.isCancelled()) return;
            em.emit(Item.CLOSING);
            em.complete();
        }

        /**
         * Emits unless the stream has ended. Heartbeats come from the ticker's thread and events from a read's,
         * while the drain closes from a third; without the lock a heartbeat could land between the closing item
         * and the end, and the client would not be told last to reconnect.
         */
        synchronized void emit(Item item) {
            if (!ended) em.emit(item);
        }

        /**
         * A poke that carries its event (a commit on this replica) and is the next position: emitted as it is, without
         * reading PostgreSQL. Positions of one pharmacy commit in their order (each takes the pharmacy's stream row
         * lock until its commit), so when position {@code n + 1} has committed, nothing between is missing. Any
         * other poke, or one that arrives during a read, reads PostgreSQL.
         */
        void offer(DispatchHub.Poke poke) {
            if (poke.event() == null || !reading.compareAndSet(false, true)) {
                read();
                return;
            }
            if (poke.seq() == position.get() + 1) {
                send(poke.event());
            } else {
                again.set(true);
            }
            reading.set(false);
            next();
        }

        /** Emits the event and moves the cursor to it; called only by whoever holds {@code reading}. */
        private void send(Event e) {
            position.set(e.id());
            since = e.recordedAt().minus(LOOK_BACK);
            emit(new Item(e));
        }

        /** Asks for a read: one read at a time; asked during a read, one more read follows it. */
        void read() {
            again.set(true);
            next();
        }

        /**
         * Starts a read if one is asked for and none runs. Asking sets {@code again} before trying, and a read
         * clears {@code reading} before trying again, so a request made while a read ends is never lost.
         */
        private void next() {
            if (!again.get() || !reading.compareAndSet(false, true)) return;
            again.set(false);
            after(pharmacy, position.get(), since, PAGE)
                    .subscribe()
                    .with(
                            events -> {
                                for (Event e : events) if (e.id() > position.get()) send(e);
                                if (events.size() == PAGE) again.set(true);
                                reading.set(false);
                                next();
                            },
                            failure -> {
                                again.set(true); // retried on the next poke or heartbeat, not at once
                                reading.set(false);
                            });
        }
    }
}
