package com.oncopay.platform.db;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells "PostgreSQL cannot be reached or cannot take this request now, try again later" from a bug:
 * the connection refused or closed, the server starting up or shutting down (57P01..57P03), too many
 * connections (53300), a connection error (class 08), a command the client could not send because its
 * connection closed, or no pooled connection within the pool's acquisition timeout ({@link PoolWithTimeouts}).
 * {@code ProblemMappers} answers these 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
 */
public final class DatabaseUnavailable {
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {}

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (STATES.contains(state) || state.startsWith("08"));
            }
            if (t instanceof ConnectException // connection refused, no route
                    || t instanceof ClosedChannelException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                    || t instanceof io.netty.channel.ConnectTimeoutException) return true;
            // bare messages of the client: an acquisition past the pool's timeout, and the connection found closed
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && bareMessage(t.getMessage())) return true;
            // a pooled connection whose server died: the client's write fails with a bare IOException (Broken
            // pipe, Connection reset) before it learns that the connection is closed (found by DatabaseKilledFaultIT),
            // or its read does, and the client fails the commands in flight with that exception as it was raised
            if (t instanceof java.io.IOException && (fromSqlClient(t) || fromSocketRead(t))) return true;
        }
        return false;
    }

    /**
     * Whether {@code e} (one that {@link #is}) is a request that gave up waiting for a pooled connection: past the pool's
     * acquisition timeout, or turned away because its wait queue was full. Whether that is PostgreSQL's fault or the
     * engine's load, {@link DatabaseHeartbeat} tells.
     */
    public static boolean waitedForConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) return true;
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && ACQUISITION_TIMEOUT.equals(t.getMessage()))
                return true;
        }
        return false;
    }

    /**
     * The messages the SQL client fails a command with, without a cause or a stack, when it cannot be run for want of
     * a connection: the pool's acquisition past its timeout; the commands still queued behind the one in flight when
     * the server closed the connection ({@code SocketConnectionBase.handleClose}); a command given to a connection
     * already closed ({@code SocketConnectionBase.doSchedule}). {@code DatabaseUnavailableTest} checks that the client's
     * class still says the last two.
     */
    static final String ACQUISITION_TIMEOUT = "Timeout";

    static final String PENDING_ON_CLOSED = "Pending requests failed to be sent due to connection has been closed.";
    static final String NOT_ACTIVE = "Connection is not active now, current status: ";

    private static boolean bareMessage(String message) {
        return message != null
                && (message.equals(ACQUISITION_TIMEOUT)
                        || message.equals(PENDING_ON_CLOSED)
                        || message.startsWith(NOT_ACTIVE));
    }

    /**
     * An I/O error raised by a Netty channel's own socket I/O, with no other code on the stack ("Connection reset" as the
     * event loop reads): the SQL client hands it unchanged to the commands waiting on that connection
     * ({@code DatabaseConnectionLostTest}; a 500 in {@code DatabaseKilledFaultIT} on CI). It is taken for PostgreSQL's
     * because it is the only Netty peer whose failures reach a request unhandled: Redis calls go through
     * {@code RedisGuard} and degrade, Kafka's client is not Netty's, and the HTTP server's own connections fail their
     * responses, not a request's work.
     */
    private static boolean fromSocketRead(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        boolean netty = false;
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.startsWith("io.netty.channel.")) netty = true;
            else if (!(c.startsWith("io.netty.")
                    || c.startsWith("java.")
                    || c.startsWith("sun.")
                    || c.startsWith("jdk."))) return false;
        }
        return netty;
    }

    private static boolean fromSqlClient(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace())
            if (frame.getClassName().startsWith("io.vertx.sqlclient.")
                    || frame.getClassName().startsWith("io.vertx.pgclient.")) return true;
        return false;
    }
}
