package com.oncopay.platform.db;

import io.smallrye.common.vertx.VertxContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times the current request took a connection from the pool: each take is a turn in the pool's queue, and
 * under load a request's later turns wait behind newer requests' first ones (the queue is first come, first served),
 * so a request that reads, decides and then writes takes its connection once ({@link Transactions#onConnection}, then
 * {@link Transactions#inTransaction(Tx, java.util.function.Function)}). Counted on the request's Vert.x duplicated
 * context, where its Mutiny chain runs; work outside a request (the relay, sweeps) is not counted, nor are entity
 * sessions (Hibernate Reactive, which may share one connection between nested sessions). The per-route meter
 * is {@code oncopay_db_pool_turns} ({@code platform.metrics.MeteringFilter}).
 */
public final class PoolTurns {
    private static final String LOCAL = PoolTurns.class.getName();

    private PoolTurns() {}

    /** One more turn for the current request, if there is one. */
    static void taken() {
        io.vertx.core.Context request = request();
        if (request == null) return;
        AtomicInteger turns = request.getLocal(LOCAL);
        if (turns == null) request.putLocal(LOCAL, new AtomicInteger(1));
        else turns.incrementAndGet();
    }

    /** The turns the current request has taken so far (0 outside a request). */
    public static int ofCurrentRequest() {
        io.vertx.core.Context request = request();
        AtomicInteger turns = request == null ? null : request.getLocal(LOCAL);
        return turns == null ? 0 : turns.get();
    }

    /** The current request's duplicated context, or null outside one. */
    private static io.vertx.core.Context request() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context : null;
    }
}
