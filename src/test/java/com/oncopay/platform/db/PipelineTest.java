package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link Pipeline#inOrder}: the unit it belongs to must not end while a statement of it may still be on its way, and
 * its failure is the statement that failed first on the wire (the first in list order), not the first answer handled.
 */
class PipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static <T> Uni<T> after(long ms, Uni<T> u) {
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(Duration.ofMillis(ms))
                .chain(() -> u);
    }

    @Test
    void a_failure_is_answered_only_once_every_statement_of_the_list_has_answered() {
        AtomicBoolean lastAnswered = new AtomicBoolean();
        Uni<Void> pipeline = Pipeline.inOrder(
                Uni.createFrom().failure(new IllegalStateException("the insert: 23505")),
                after(300, Uni.createFrom().item("the audit row").invoke(() -> lastAnswered.set(true))));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> pipeline.await().atMost(WAIT));
        assertEquals("the insert: 23505", e.getMessage());
        assertTrue(lastAnswered.get(), "the unit failed while a statement of it was still on its way");
    }

    @Test
    void the_failure_is_the_first_in_list_order_though_a_later_one_was_handled_first() {
        Uni<Void> pipeline = Pipeline.inOrder(
                Uni.createFrom().voidItem(),
                after(200, Uni.createFrom().failure(new IllegalStateException("the insert: 23505"))),
                Uni.createFrom().failure(new IllegalArgumentException("the outbox row: 25P02")),
                after(100, Uni.createFrom().failure(new IllegalArgumentException("the audit row: 25P02"))));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> pipeline.await().atMost(WAIT));
        assertEquals("the insert: 23505", e.getMessage());
    }

    @Test
    void one_failure_is_itself_and_no_failure_is_an_item() {
        RuntimeException alone = new RuntimeException("alone");
        assertEquals(alone, Pipeline.firstInOrder(alone));
        assertEquals(
                alone, Pipeline.firstInOrder(new io.smallrye.mutiny.CompositeException(alone, new RuntimeException())));
        Pipeline.inOrder(Uni.createFrom().item(1), after(50, Uni.createFrom().item(2)))
                .await()
                .atMost(WAIT);
    }
}
