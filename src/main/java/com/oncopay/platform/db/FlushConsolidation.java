package com.oncopay.platform.db;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;
import org.jboss.logging.Logger;

/**
 * One socket write for the statements a unit queues together, instead of one per statement.
 *
 * <p>The PostgreSQL client flushes its socket for every statement it is given: a transaction of {@link Pipeline} sends
 * its statements in one round trip, but each in a {@code write} system call of its own (14-16% of the engine's CPU
 * samples in the bench's write scenarios, on a VM where system calls are dear; on loopback each also wakes the
 * server). A Netty {@link FlushConsolidationHandler} in front of the client's codec holds a flush until the task that
 * asked for it ends (or, while the socket's answers are being read, until the read ends), so everything queued
 * meanwhile leaves in one write. Nothing is reordered or kept past the event loop's current task; at most
 * {@value #MOST} flushes are held.
 *
 * <p>Installed when the pool opens a connection ({@link PoolWithTimeouts}), through the client's internal classes. If
 * a later client does not have them, the connection works as before, one write per statement, and the engine says so
 * once in its log; {@code FlushConsolidationTest} fails then.
 */
final class FlushConsolidation {
    private static final Logger LOG = Logger.getLogger(FlushConsolidation.class);
    /** The handler's name in the connection's Netty pipeline. */
    static final String NAME = "oncopay-flush-consolidation";
    /** Flushes held at most before one is let through (a long pipeline of statements is still written as it grows). */
    static final int MOST = 64;

    private static volatile boolean warned;

    private FlushConsolidation() {}

    /** Installs the handler on the connection's socket, before the PostgreSQL codec; false when it cannot. */
    static boolean install(SqlConnection connection) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline == null) {
            if (!warned) {
                warned = true;
                LOG.warnf(
                        "PostgreSQL connections write one statement per system call: their socket was not reachable"
                                + " in %s",
                        connection.getClass().getName());
            }
            return false;
        }
        if (pipeline.get(NAME) == null) pipeline.addBefore("codec", NAME, new FlushConsolidationHandler(MOST, true));
        return true;
    }

    /** The Netty pipeline under a pooled or single connection, or null when the client's classes are not as known. */
    static ChannelPipeline pipeline(SqlConnection connection) {
        if (!(connection instanceof SqlConnectionBase<?> base)) return null;
        Connection c = base.unwrap();
        for (int i = 0; i < 4 && !(c instanceof SocketConnectionBase); i++) {
            Connection inner = c.unwrap();
            if (inner == c) break;
            c = inner;
        }
        if (!(c instanceof SocketConnectionBase socket)) return null;
        ChannelPipeline pipeline = socket.socket().channelHandlerContext().pipeline();
        return pipeline.get("codec") == null ? null : pipeline;
    }
}
