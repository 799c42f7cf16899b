package com.oncopay.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "oncopay.dispatch")
public interface DispatchConfig {
    /**
     * How often the relay looks for unsent rows even when nothing woke it: the safety net. A commit
     * that wrote outbox rows wakes it at once (an in-process nudge, and {@code NOTIFY} on
     * {@link #notifyChannel()} for the other replicas), so this bounds only the delay of a row whose
     * wake-up was lost; a round that finds nothing is one indexed read.
     */
    @WithDefault("1S")
    Duration relayInterval();

    /**
     * How a commit that wrote outbox rows wakes the other replicas' relays: {@code in-transaction}
     * ({@code pg_notify} in the writing transaction, delivered exactly at its commit), {@code after-commit}
     * (a coalesced {@code NOTIFY} on its own statement after the commit: the money transactions then do not
     * take PostgreSQL's notify lock, which serialises notifying commits with their WAL flush) or {@code off}
     * (the periodic round only; this replica's own relay is nudged in every mode).
     */
    @WithDefault("after-commit")
    NotifyMode notifyMode();

    /**
     * In {@code after-commit} mode, the least time between two {@code NOTIFY}s of one replica. Each is a transaction
     * of its own with a commit to flush; under load, one per round trip would be nearly one per money transaction.
     * The first commit after a quiet spell is announced at once; a replica's commits then wake another replica's
     * relay at most this much later (its own relay is nudged at once).
     */
    @WithDefault("20ms")
    Duration notifySpacing();

    enum NotifyMode {
        IN_TRANSACTION,
        AFTER_COMMIT,
        OFF
    }

    /** The PostgreSQL {@code LISTEN/NOTIFY} channel on which committed outbox writes wake the relay. */
    @WithDefault("oncopay_outbox")
    String notifyChannel();

    /** Rows the relay publishes per round. */
    @WithDefault("200")
    int relayBatch();

    /**
     * The topic the relay's start-up warm-up ({@link RelayWarmUp}) publishes its made-up events to, never
     * {@code dispatch-events}; this replica's SSE consumer reads it too.
     */
    @WithDefault("dispatch-events-warm-up")
    String warmUpTopic();

    /** Sent outbox rows are kept this long for replay, then deleted. */
    @WithDefault("30D")
    Duration retention();

    /** Comment lines sent on idle streams so that proxies keep them open; each also re-reads PostgreSQL. */
    @WithDefault("15S")
    Duration heartbeat();
}
