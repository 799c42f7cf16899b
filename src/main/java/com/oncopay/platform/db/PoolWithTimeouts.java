package com.oncopay.platform.db;

import com.oncopay.platform.config.PlatformConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool, built as Quarkus would ({@code quarkus.datasource.reactive.*}) plus what its
 * configuration cannot say: how long a request waits for a pooled connection
 * ({@code oncopay.db.acquire-timeout}) and for a new connection's TCP handshake
 * ({@code oncopay.db.connect-timeout}). A request that cannot get a connection then fails fast
 * and is answered 503 {@code DATABASE_UNAVAILABLE} ({@link DatabaseUnavailable}) instead of waiting
 * in the pool's queue for as long as PostgreSQL is away, or 503 {@code ENGINE_BUSY} when PostgreSQL answers and every
 * connection is busy ({@link DatabaseHeartbeat}, started here over the same connect options).
 */
@Singleton
public class PoolWithTimeouts implements PgPoolCreator {
    private final PlatformConfig config;
    private final DatabaseHeartbeat heartbeat;
    private final Rehearsals rehearsals;

    public PoolWithTimeouts(PlatformConfig config, DatabaseHeartbeat heartbeat, Rehearsals rehearsals) {
        this.config = config;
        this.heartbeat = heartbeat;
        this.rehearsals = rehearsals;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = input.poolOptions()
                .setConnectionTimeout((int) config.db().acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(config.db().maxWaitQueue());
        int connectMs = (int) config.db().connectTimeout().toMillis();
        input.pgConnectOptionsList().forEach(o -> o.setConnectTimeout(connectMs));
        heartbeat.start(input.pgConnectOptionsList());
        rehearsals.start(input.vertx(), input.pgConnectOptionsList());
        return PgBuilder.pool()
                .with(options)
                .connectingTo(
                        new java.util.ArrayList<io.vertx.sqlclient.SqlConnectOptions>(input.pgConnectOptionsList()))
                .using(input.vertx())
                .withConnectHandler(connection -> {
                    try {
                        if (config.db().consolidateFlushes()) FlushConsolidation.install(connection);
                    } finally {
                        connection.close(); // back to the pool, which hands it out
                    }
                })
                .build();
    }
}
