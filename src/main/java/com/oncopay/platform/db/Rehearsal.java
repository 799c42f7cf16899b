package com.oncopay.platform.db;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * One request whose writes are never committed: a start-up warm-up request that takes a write's whole path (#22: a
 * fresh engine made 29-47% of its warm figures in the writes, compiling the code the read-only warm-up never ran).
 *
 * <p>Every statement the request sends through {@link Transactions} runs on one connection of its own, not the request
 * pool's ({@link Rehearsals}), inside one transaction begun when it opened, after the fixtures that request needs
 * ({@link RehearsalFixtures}). A unit's "commit" there commits nothing, and what a unit asked to run after its commit
 * ({@link Tx#afterCommit}: the relay's nudge, the caches' invalidation) never runs. When the request ends the
 * transaction is rolled back. The connection is read-only outside that transaction, so a statement sent after the
 * rollback cannot write. Entity sessions (Hibernate Reactive) take connections of their own, so a rehearsal refuses
 * them.
 *
 * <p>A rehearsal is found on the request's Vert.x duplicated context: one look at its locals, whether or not any
 * rehearsal is open. (A shortcut that skipped the look while none was open took one branch all through the start-up
 * warm-up, whose rehearsals overlap, and the other from its end on: the JIT's code, built on the first, was thrown
 * away and compiled again under the first real load, in every method it was inlined into, #22.)
 */
public final class Rehearsal {
    private static final String LOCAL = Rehearsal.class.getName();
    private final SqlConnection connection;
    private final Tx statements;
    private volatile boolean ended;

    Rehearsal(SqlConnection connection) {
        this.connection = connection;
        this.statements = Tx.of(connection);
    }

    /** The current request's rehearsal, or null (nearly always: no rehearsal open, or not this request's). */
    static Rehearsal current() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) return null;
        return context.getLocal(LOCAL);
    }

    /** Whether the current request is a rehearsal. */
    public static boolean inProgress() {
        return current() != null;
    }

    /** Makes this the rehearsal of the request whose duplicated context {@code context} is. */
    public void bind(io.vertx.core.Context context) {
        if (!VertxContext.isDuplicatedContext(context))
            throw new IllegalArgumentException("a rehearsal belongs to one request's duplicated context");
        context.putLocal(LOCAL, this);
    }

    /** Ends the rehearsal: rolls back all it wrote and gives its connection back. Once; later calls do nothing. */
    public void end() {
        if (ended) return;
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        connection
                .query("ROLLBACK")
                .execute()
                .onItemOrFailure()
                .transformToUni((rolledBack, failed) -> connection.close())
                .subscribe()
                .with(closed -> {}, failed -> {});
    }

    /** The connection's statements, as {@link Transactions#autoCommit} or {@link Transactions#onConnection} give. */
    Tx statements() {
        return statements;
    }

    /** A unit of work, as {@link Transactions#inTransaction} runs it, inside the rehearsal's own transaction. */
    <T> Uni<T> unit(Function<Tx, Uni<T>> work) {
        // a Tx of its own: what the unit asks to run after its commit is kept there and never run
        return Uni.createFrom().deferred(() -> work.apply(Tx.transaction(connection)));
    }
}
