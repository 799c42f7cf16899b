package com.oncopay.platform.db;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.List;

/**
 * Statements of one connection or transaction sent together. The PostgreSQL client pipelines
 * the statements queued on a connection and PostgreSQL runs them in the order sent, so
 * independent reads, or writes whose order is their list order, cost one round trip instead of
 * one each. This holds for statements the connection has prepared before
 * ({@code quarkus.datasource.reactive.cache-prepared-statements}): the client waits for a prepare's answer
 * before it sends anything else on that connection. Subscribing in list order is what queues them in that order.
 *
 * <p>The result waits for every statement, then fails with the first failure in list order (the statement that failed
 * first on the wire: inside a transaction, those after it fail only because it did, with 25P02). It must not fail
 * sooner: the unit would end (its transaction rolled back, its connection back in the pool) while statements of
 * the list may still be on their way. The answers come on the connection's event loop, which need not be the one
 * subscribing; a failure handled before the last statement is subscribed would let that statement go out after the
 * ROLLBACK, on no transaction, and commit by itself: the bench saw outbox events and audit rows of refused
 * fulfilment choices committed that way.
 */
public final class Pipeline {
    private Pipeline() {}

    public static Uni<Void> inOrder(List<Uni<?>> statements) {
        if (statements.isEmpty()) return Uni.createFrom().voidItem();
        return Uni.combine()
                .all()
                .unis(statements)
                .collectFailures()
                .discardItems()
                .onFailure()
                .transform(Pipeline::firstInOrder);
    }

    public static Uni<Void> inOrder(Uni<?>... statements) {
        return inOrder(Arrays.asList(statements));
    }

    /**
     * The failure of a combination that waited for all its parts ({@code collectFailures()}): the first in list order.
     * Every combination of statements on one connection or transaction waits for all of them (see above) and answers
     * with this.
     */
    public static Throwable firstInOrder(Throwable failure) {
        return failure instanceof CompositeException c && !c.getCauses().isEmpty()
                ? c.getCauses().get(0)
                : failure;
    }
}
