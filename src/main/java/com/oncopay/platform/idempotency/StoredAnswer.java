package com.oncopay.platform.idempotency;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Writes the answer of an idempotent request on the connection of the transaction that does its
 * work ({@link IdempotencyStore#executeInTransaction}): the key becomes DONE, with the answer a retry
 * will get, if and only if the money it answers for commits. A use case calls it last in its
 * transaction, with the result it returns.
 */
@FunctionalInterface
public interface StoredAnswer {
    /** For a request without an {@code Idempotency-Key}: nothing to store. */
    StoredAnswer NONE = (tx, answer) -> Uni.createFrom().voidItem();

    Uni<Void> store(Tx tx, Object answer);
}
