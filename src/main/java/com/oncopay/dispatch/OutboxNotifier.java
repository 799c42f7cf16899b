package com.oncopay.dispatch;

import com.oncopay.platform.db.Transactions;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code oncopay.dispatch.notify=after-commit}: the other replicas' relays are woken by a {@code NOTIFY}
 * sent after the commit, on a statement of its own, instead of inside the money transaction. PostgreSQL
 * serialises the commits of notifying transactions on one lock (with their WAL flush), so this keeps the
 * money transactions' group commit; coalesced: one {@code NOTIFY} in flight per replica, at most one more
 * after it, however many commits, and {@code oncopay.dispatch.notify-spacing} apart at least (each
 * {@code NOTIFY} is a transaction with a commit of its own). A crash between a commit and its {@code NOTIFY}
 * only delays the rows until the periodic round.
 */
@ApplicationScoped
public class OutboxNotifier {
    private final Transactions transactions;
    private final OutboxRepository repository;
    private final String channel;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final String replica;
    private final Vertx vertx;
    private final long spacingNanos;
    private volatile boolean pending;
    private volatile long lastSent = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    public OutboxNotifier(
            Transactions transactions,
            OutboxRepository repository,
            DispatchConfig config,
            OutboxRelay relay,
            Vertx vertx) {
        this.transactions = transactions;
        this.repository = repository;
        this.channel = config.notifyChannel();
        this.replica = relay.replica();
        this.vertx = vertx;
        this.spacingNanos = config.notifySpacing().toNanos();
    }

    /** Called after a commit that wrote outbox rows (quick, any thread). */
    public void committed() {
        pending = true;
        if (sending.compareAndSet(false, true)) sendSpaced();
    }

    /**
     * At once if the last one was sent at least the spacing ago, else when it will have been. Not on the committing
     * request's Vert.x context but on its event loop's own: the {@code NOTIFY} is this replica's, however many
     * requests it stands for, and is neither their work nor their pool turn ({@code platform.db.PoolTurns}).
     */
    private void sendSpaced() {
        long wait = spacingNanos - (System.nanoTime() - lastSent);
        Runnable next = wait <= 0
                ? this::send
                : () -> vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), id -> send());
        io.vertx.core.Context current = Vertx.currentContext();
        if (current != null && VertxContext.isDuplicatedContext(current))
            VertxContext.getRootContext(current).runOnContext(v -> next.run());
        else next.run();
    }

    private void send() {
        pending = false;
        lastSent = System.nanoTime();
        repository
                .notifyRelays(transactions.autoCommit(), channel, replica)
                .subscribe()
                .with(x -> sent(), e -> sent()); // not sent: the periodic round finds the rows
    }

    private void sent() {
        if (pending) {
            sendSpaced();
            return;
        }
        sending.set(false);
        if (pending && sending.compareAndSet(false, true)) sendSpaced();
    }
}
