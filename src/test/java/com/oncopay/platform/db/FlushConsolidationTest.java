package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * #22: the statements a transaction queues together leave in one socket write. Counted at the socket's end of the
 * connection's Netty pipeline (each flush that reaches it is one {@code write} system call): a transaction of six
 * statements sent with {@link Pipeline#inOrder} is written in at most three (its {@code BEGIN}, the six, its
 * {@code COMMIT}), against at least six when the handler is taken out. The answers are the same either way.
 */
@QuarkusTest
class FlushConsolidationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int STATEMENTS = 6;

    @Inject
    Pool pool;

    /** Flushes that reach the socket. */
    static final class Flushes extends ChannelOutboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count.incrementAndGet();
            ctx.flush();
        }
    }

    /** Six statements in one transaction, all queued at once; their answers in list order. */
    private static List<Integer> sixInOneTransaction(SqlConnection connection) {
        List<Integer> answers = new ArrayList<>();
        connection
                .begin()
                .flatMap(tx -> {
                    List<Uni<?>> statements = new ArrayList<>();
                    for (int i = 0; i < STATEMENTS; i++) {
                        int n = i;
                        statements.add(connection
                                .preparedQuery("select $1::int + 1 as n")
                                .execute(Tuple.of(n))
                                .invoke(rows -> {
                                    synchronized (answers) {
                                        answers.add(rows.iterator().next().getInteger("n"));
                                    }
                                }));
                    }
                    return Pipeline.inOrder(statements).call(tx::commit);
                })
                .await()
                .atMost(WAIT);
        return answers;
    }

    private static int flushesOf(SqlConnection connection, ChannelPipeline pipeline) {
        Flushes flushes = new Flushes();
        pipeline.addFirst("test-flushes", flushes);
        try {
            List<Integer> answers = sixInOneTransaction(connection);
            assertEquals(List.of(1, 2, 3, 4, 5, 6), answers, "every statement answered, in the order sent");
            return flushes.count.get();
        } finally {
            pipeline.remove("test-flushes");
        }
    }

    @Test
    void a_transactions_statements_leave_in_one_write_and_one_each_without_the_handler() {
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            ChannelPipeline pipeline = FlushConsolidation.pipeline(connection.getDelegate());
            assertNotNull(pipeline, "the pooled connection's socket is reachable");
            assertNotNull(pipeline.get(FlushConsolidation.NAME), "the pool installed the handler on its connection");
            sixInOneTransaction(connection); // prepares the statement: its first use waits for the prepare's answer

            int consolidated = flushesOf(connection, pipeline);
            assertTrue(consolidated <= 3, "begin, the six statements and commit in " + consolidated + " writes");

            pipeline.remove(FlushConsolidation.NAME);
            try {
                int each = flushesOf(connection, pipeline);
                assertTrue(each >= STATEMENTS, "without the handler, one write per statement: " + each);
            } finally {
                assertTrue(FlushConsolidation.install(connection.getDelegate())); // as the pool left it
            }
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }

    @Test
    void installing_twice_keeps_one_handler() {
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            assertTrue(FlushConsolidation.install(connection.getDelegate()));
            ChannelPipeline pipeline = FlushConsolidation.pipeline(connection.getDelegate());
            long handlers = pipeline.names().stream()
                    .filter(FlushConsolidation.NAME::equals)
                    .count();
            assertEquals(1, handlers);
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }
}
