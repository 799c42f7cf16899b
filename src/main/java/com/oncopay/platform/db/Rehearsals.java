package com.oncopay.platform.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/** Opens {@link Rehearsal}s: each on a new connection to the request pool's database, outside the pool. */
@jakarta.inject.Singleton
public class Rehearsals {
    private final List<RehearsalFixtures> fixtures;
    private volatile Vertx vertx;
    private volatile PgConnectOptions options;

    public Rehearsals(Instance<RehearsalFixtures> fixtures) {
        this.fixtures = fixtures.stream().toList();
    }

    /** Called by {@link PoolWithTimeouts} as it builds the request pool: the database rehearsals connect to. */
    void start(Vertx vertx, List<PgConnectOptions> options) {
        this.vertx = vertx;
        this.options = options.get(0);
    }

    /**
     * A rehearsal for the made-up caller {@code callerId} of {@code role}: its connection opened, its transaction begun
     * and every feature's fixtures written in it. On a failure the connection is closed and the failure is the answer.
     */
    public Uni<Rehearsal> open(String role, String callerId) {
        if (vertx == null) return Uni.createFrom().failure(new IllegalStateException("no database configured"));
        return Uni.createFrom()
                .completionStage(() -> PgConnection.connect(vertx, options).toCompletionStage())
                .map(c -> new Rehearsal(SqlConnection.newInstance(c)))
                .flatMap(r -> r.statements()
                        .client()
                        .query("BEGIN")
                        .execute()
                        .flatMap(begun -> Multi.createFrom()
                                .iterable(fixtures)
                                .onItem()
                                .transformToUniAndConcatenate(f -> f.insert(r.statements(), role, callerId))
                                .collect()
                                .last())
                        .replaceWith(r)
                        .onFailure()
                        .invoke(r::end));
    }
}
