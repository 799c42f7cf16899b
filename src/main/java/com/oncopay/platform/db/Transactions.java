package com.oncopay.platform.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Where a unit of work gets its {@link Tx}. */
@ApplicationScoped
public class Transactions {
    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    /** One PostgreSQL transaction: committed when {@code work} succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
        return pool.withTransaction(c -> work.apply(Tx.of(c)));
    }

    /** One connection for several statements, without a transaction (they can then be pipelined). */
    public <T> Uni<T> onConnection(Function<Tx, Uni<T>> work) {
        return pool.withConnection(c -> work.apply(Tx.of(c)));
    }

    /** The pool: each statement takes a connection of its own and commits by itself. */
    public Tx autoCommit() {
        return Tx.of(pool);
    }
}
