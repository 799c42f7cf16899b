package com.oncopay.platform.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@link Rehearsal}s, on connections of a small pool of their own to the request pool's database. Each of those
 * connections is read-only by default ({@code default_transaction_read_only}): only a rehearsal's own transaction,
 * begun {@code READ WRITE}, can write on it, so a statement that comes after its rollback (a late one of an ended
 * request) fails if it writes. Its connections close when idle, after the warm-up.
 */
@jakarta.inject.Singleton
public class Rehearsals {
    /** How long a rehearsal may last at most: then it is ended whatever its request is doing. */
    static final long LIMIT_MILLIS = 30_000;
    /** Rehearsals at once; more wait for a connection. */
    public static final int CONNECTIONS = 8;

    private final List<RehearsalFixtures> fixtures;
    private volatile Vertx vertx;
    private volatile List<PgConnectOptions> options;
    private Pool pool;

    public Rehearsals(Instance<RehearsalFixtures> fixtures) {
        this.fixtures = fixtures.stream()
                .sorted(java.util.Comparator.comparingInt(RehearsalFixtures::order))
                .toList();
    }

    /** Called by {@link PoolWithTimeouts} as it builds the request pool: the database rehearsals connect to. */
    void start(Vertx vertx, List<PgConnectOptions> options) {
        this.options = options.stream()
                .map(o -> new PgConnectOptions(o).addProperty("default_transaction_read_only", "on"))
                .toList();
        this.vertx = vertx;
    }

    private synchronized Pool pool() {
        if (pool == null)
            pool = Pool.newInstance(PgBuilder.pool()
                    .with(new PoolOptions()
                            .setMaxSize(CONNECTIONS)
                            .setName("oncopay-rehearsals")
                            .setIdleTimeout(30)
                            .setIdleTimeoutUnit(TimeUnit.SECONDS)
                            .setConnectionTimeout(5)
                            .setConnectionTimeoutUnit(TimeUnit.SECONDS))
                    .connectingTo(new java.util.ArrayList<io.vertx.sqlclient.SqlConnectOptions>(options))
                    .using(vertx)
                    .build());
        return pool;
    }

    /**
     * A rehearsal for the made-up caller {@code callerId} of {@code role}: a connection taken, its transaction begun
     * {@code READ WRITE} and every feature's fixtures written in it. On a failure it is ended and the failure is the
     * answer.
     */
    public Uni<Rehearsal> open(String role, String callerId) {
        if (vertx == null) return Uni.createFrom().failure(new IllegalStateException("no database configured"));
        return pool().getConnection().map(Rehearsal::new).flatMap(r -> {
            vertx.setTimer(LIMIT_MILLIS, id -> r.end());
            return r.statements()
                    .client()
                    .query("BEGIN READ WRITE")
                    .execute()
                    .flatMap(begun -> Multi.createFrom()
                            .iterable(fixtures)
                            .onItem()
                            .transformToUniAndConcatenate(f -> f.insert(r.statements(), role, callerId))
                            .collect()
                            .last())
                    .replaceWith(r)
                    .onFailure()
                    .invoke(r::end);
        });
    }
}
