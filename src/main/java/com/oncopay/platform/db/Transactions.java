package com.oncopay.platform.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a unit of work gets its connection: a {@link Tx} for the SQL-client repositories, or a
 * Hibernate Reactive session (Panache) for the entity repositories. Both come from the one reactive pool, except in a
 * {@link Rehearsal}, where every statement runs on the rehearsal's own connection and nothing is committed.
 */
@ApplicationScoped
public class Transactions {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Transactions.class);
    private final Pool pool;
    /** The pool for single statements, each waiting for its connection at most the acquisition timeout. */
    private final Tx autoCommit;

    public Transactions(Pool pool) {
        this.pool = pool;
        this.autoCommit = Tx.of(io.vertx.mutiny.sqlclient.SqlClient.newInstance(new BoundedWaitClient(pool)));
    }

    /**
     * One PostgreSQL transaction: committed when {@code work} succeeds, rolled back when it fails;
     * what the unit asked for with {@link Tx#afterCommit} runs once the commit succeeded.
     *
     * <p>The BEGIN is not waited for: the client queues the unit's first statements behind it on the
     * connection and sends them together (one round trip fewer than the pool's own {@code withTransaction},
     * which waits for BEGIN's answer). Should BEGIN fail, every statement queued behind it fails with it and
     * the unit fails; the COMMIT is sent once the unit's statements have all answered.
     */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
        Rehearsal rehearsal = Rehearsal.current();
        if (rehearsal != null) return rehearsal.unit(work);
        return Uni.createFrom().deferred(() -> {
            Tx[] unit = new Tx[1];
            PoolTurns.taken();
            return pool.withConnection(c -> transaction(c, work, unit)).invoke(() -> committed(unit));
        });
    }

    /**
     * One PostgreSQL transaction, as {@link #inTransaction(Function)}, on the connection {@link #onConnection} gave:
     * a unit that reads, decides and then writes takes one connection, not one for its reads and a second for its
     * transaction (a second wait in the pool's queue when it is busy). Only for work that takes no other connection
     * while it holds this one: enough such units at once would hold every connection and wait for one more.
     */
    public <T> Uni<T> inTransaction(Tx connection, Function<Tx, Uni<T>> work) {
        Rehearsal rehearsal = Rehearsal.current();
        if (rehearsal != null) return rehearsal.unit(work);
        if (connection.inTransaction() || !(connection.client() instanceof SqlConnection c))
            throw new IllegalArgumentException("a connection of onConnection, outside any transaction, is needed");
        return Uni.createFrom().deferred(() -> {
            Tx[] unit = new Tx[1];
            return transaction(c, work, unit).invoke(() -> committed(unit));
        });
    }

    /**
     * One transaction on the connection {@code db} holds when it is one of {@link #onConnection}'s (as
     * {@link #inTransaction(Tx, Function)}, which refuses one inside a transaction), else, {@code db} being the pool
     * ({@link #autoCommit}), on a pooled connection of its own (as {@link #inTransaction(Function)}): for work called
     * both from a unit that holds a connection and from one that reads through the pool.
     */
    public <T> Uni<T> inTransactionOn(Tx db, Function<Tx, Uni<T>> work) {
        return db.client() instanceof SqlConnection ? inTransaction(db, work) : inTransaction(work);
    }

    private static <T> Uni<T> transaction(SqlConnection c, Function<Tx, Uni<T>> work, Tx[] unit) {
        // the core client's begin() queues BEGIN at once (the Mutiny one would wait to be subscribed);
        // its failure fails the statements behind it too, and is said here (only a connection left
        // inside a failed transaction would make BEGIN fail: SQLSTATE 25P02)
        c.getDelegate().begin().onFailure(e -> LOG.warnf("BEGIN failed: %s", e.getMessage()));
        Transaction tx = c.transaction();
        return Uni.createFrom()
                .deferred(() -> work.apply(unit[0] = Tx.transaction(c)))
                .onItemOrFailure()
                .transformToUni((item, failure) -> failure == null
                        ? tx.commit().replaceWith(item)
                        // the unit's failure is the answer, whether or not the rollback went through
                        : tx.rollback()
                                .onItemOrFailure()
                                .transformToUni(
                                        (done, ignored) -> Uni.createFrom().<T>failure(failure)));
    }

    private static void committed(Tx[] unit) {
        if (unit[0] != null) unit[0].committed();
    }

    /** One connection for several statements, without a transaction (they can then be pipelined). */
    public <T> Uni<T> onConnection(Function<Tx, Uni<T>> work) {
        Rehearsal rehearsal = Rehearsal.current();
        if (rehearsal != null) return Uni.createFrom().deferred(() -> work.apply(rehearsal.statements()));
        return Uni.createFrom().deferred(() -> {
            PoolTurns.taken();
            return pool.withConnection(c -> work.apply(Tx.of(c)));
        });
    }

    /**
     * One transaction of the entity repositories (Hibernate Reactive with Panache): the session and its
     * transaction are the current Vert.x context's, so the repositories called inside share them.
     */
    public <T> Uni<T> inEntityTransaction(Supplier<Uni<T>> work) {
        if (Rehearsal.inProgress()) return entitiesRefused();
        return Panache.withTransaction(work);
    }

    /** Reads of the entity repositories in one session, without a transaction of their own. */
    public <T> Uni<T> inEntitySession(Supplier<Uni<T>> work) {
        if (Rehearsal.inProgress()) return entitiesRefused();
        return Panache.withSession(work);
    }

    /**
     * The pool: each statement takes a connection of its own, waiting at most the acquisition timeout for it
     * ({@link BoundedWaitClient}), and commits by itself.
     */
    public Tx autoCommit() {
        Rehearsal rehearsal = Rehearsal.current();
        return rehearsal == null ? autoCommit : rehearsal.statements();
    }

    /** A session would take a connection of its own, outside the rehearsal's transaction: refused. */
    private static <T> Uni<T> entitiesRefused() {
        return Uni.createFrom()
                .failure(new IllegalStateException(
                        "a rehearsal runs on one connection; entity sessions take their own"));
    }
}
