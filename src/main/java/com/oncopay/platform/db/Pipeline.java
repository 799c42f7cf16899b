package com.oncopay.platform.db;

import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.List;

/**
 * Statements of one connection or transaction sent together. The PostgreSQL client pipelines
 * the statements queued on a connection and PostgreSQL runs them in the order sent, so
 * independent reads, or writes whose order is their list order, cost one round trip instead of
 * one each. This holds for statements the connection has prepared before
 * ({@code quarkus.datasource.reactive.cache-prepared-statements}): the client waits for a prepare's answer
 * before it sends anything else on that connection. Subscribing in list order is what queues them in that order. The result fails with
 * the first failure; inside a transaction the whole then rolls back.
 */
public final class Pipeline {
    private Pipeline() {}

    public static Uni<Void> inOrder(List<Uni<?>> statements) {
        if (statements.isEmpty()) return Uni.createFrom().voidItem();
        return Uni.combine().all().unis(statements).discardItems();
    }

    public static Uni<Void> inOrder(Uni<?>... statements) {
        return inOrder(Arrays.asList(statements));
    }
}
