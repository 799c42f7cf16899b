package com.oncopay.platform.db;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Whether PostgreSQL answers right now, asked over a connection of its own, outside the request pool: a
 * {@code SELECT 1} every {@link #EVERY_MILLIS} ms, never two at once. It tells the two reasons a request can wait past
 * {@code oncopay.db.acquire-timeout} for a pooled connection apart: every connection busy while the database answers
 * (the engine has more requests than connections: 503 {@code ENGINE_BUSY}), or a database that does not answer (away,
 * hung, cut off: 503 {@code DATABASE_UNAVAILABLE}). A pooled connection cannot ask: when they are all busy, the question
 * would wait behind them. Answers count for {@link #FRESH_MILLIS} ms: a beat that hangs (a frozen server) leaves the
 * last answer to age past it; a refused or cut connection fails its beat, and PostgreSQL counts as not answering at
 * once. Readiness is this too ({@code platform.db.DatabaseReadinessCheck}): a check over a pooled connection would
 * take a saturated replica out of the Service.
 *
 * <p>The beats run on an event loop of their own (a one-loop {@link Vertx}), not on the engine's. Overload is exactly
 * when this is asked, and an engine's event loop that has hundreds of requests queued runs a beat's answer handler
 * seconds late: the answer, which came back from PostgreSQL on time, would count as none, and a busy pool would be told
 * {@code DATABASE_UNAVAILABLE} (48 of 400 answers, on a 2-core VM). An idle loop's thread gets its turn from the
 * operating system within milliseconds, however busy the others are.
 */
@Singleton
public class DatabaseHeartbeat {
    static final long EVERY_MILLIS = 200;
    /**
     * How long an answer counts: several beats' periods, so that one slow round trip (a busy database, a GC pause) is
     * not an outage; for the first 1.5 s of a database that stops answering its waiters are told {@code ENGINE_BUSY},
     * then {@code DATABASE_UNAVAILABLE}.
     */
    static final long FRESH_MILLIS = 1_500;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DatabaseHeartbeat.class);
    private static final long NEVER = Long.MIN_VALUE;

    private final LongSupplier nanoClock;
    private final AtomicBoolean beating = new AtomicBoolean();
    private volatile long lastAnswerNanos = NEVER;
    private Vertx vertx;
    private Pool own;
    private long timer = -1;

    public DatabaseHeartbeat() {
        this(System::nanoTime);
    }

    DatabaseHeartbeat(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Starts beating over one connection of its own, on an event loop of its own, to the database {@code options} name
     * (the request pool's, with its connect timeout). Called once, by {@link PoolWithTimeouts} as it builds the request
     * pool; later calls do nothing.
     */
    synchronized void start(List<? extends SqlConnectOptions> options) {
        if (own != null) return;
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.own = io.vertx.pgclient.PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1).setName("oncopay-heartbeat"))
                .connectingTo(new java.util.ArrayList<SqlConnectOptions>(options))
                .using(vertx)
                .build();
        this.timer = vertx.setPeriodic(EVERY_MILLIS, id -> beat());
        vertx.runOnContext(v -> beat()); // the first at once: readiness waits for it
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) return; // the last one has not come back: it is the one that counts
        own.query("select 1").execute().onComplete(r -> {
            beating.set(false);
            if (r.succeeded()) answered();
            else {
                failed();
                LOG.debugf("heartbeat failed: %s", r.cause().getMessage());
            }
        });
    }

    /** PostgreSQL answered a beat. */
    void answered() {
        lastAnswerNanos = nanoClock.getAsLong();
    }

    /**
     * A beat failed: the connection was refused or closed (PostgreSQL killed, restarting, cut off). It is not answering
     * from now until a beat comes back, without waiting for the last answer to age.
     */
    void failed() {
        lastAnswerNanos = NEVER;
    }

    /** Whether PostgreSQL answered a beat in the last {@link #FRESH_MILLIS} ms, and no beat failed since. */
    public boolean answering() {
        long last = lastAnswerNanos;
        return last != NEVER && nanoClock.getAsLong() - last < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS);
    }

    @PreDestroy
    synchronized void stop() {
        if (own == null) return;
        vertx.cancelTimer(timer);
        own.close().onComplete(closed -> vertx.close());
        own = null;
    }
}
