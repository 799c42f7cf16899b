package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.impl.NoStackTraceThrowable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What counts as "PostgreSQL away" (503 DATABASE_UNAVAILABLE) rather than a bug (500). */
class DatabaseUnavailableTest {
    /** An I/O failure with {@code message} whose stack holds these classes' frames, innermost first. */
    private static IOException thrownFrom(String message, String... classNames) {
        IOException e = new IOException(message);
        e.setStackTrace(java.util.Arrays.stream(classNames)
                .map(c -> new StackTraceElement(c, "run", null, 1))
                .toArray(StackTraceElement[]::new));
        return e;
    }

    private static IOException thrownBy(String className, String message) {
        IOException e = new IOException(message);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.nio.ch.FileDispatcherImpl", "write0", null, -2),
            new StackTraceElement(className, "flush", null, 155)
        });
        return e;
    }

    @Test
    void what_the_sql_client_fails_with_when_the_server_is_away_is_the_database_away_and_the_rest_is_not() {
        record Case(Throwable failure, boolean unavailable) {}
        for (Case c : new Case[] {
            // a pooled connection whose server was killed (DatabaseKilledFaultIT)
            new Case(thrownBy("io.vertx.pgclient.impl.codec.PgEncoder", "Broken pipe"), true),
            new Case(
                    new RuntimeException(thrownBy("io.vertx.sqlclient.impl.SocketConnectionBase", "Connection reset")),
                    true),
            // the read of a pooled connection whose server died, as the client hands it on (DatabaseConnectionLostTest)
            new Case(
                    thrownFrom(
                            "Connection reset",
                            "sun.nio.ch.SocketChannelImpl",
                            "io.netty.buffer.PooledByteBuf",
                            "io.netty.channel.socket.nio.NioSocketChannel",
                            "io.netty.channel.nio.NioEventLoop",
                            "io.netty.util.concurrent.FastThreadLocalRunnable",
                            "java.lang.Thread"),
                    true),
            // the same failure elsewhere (an HTTP client gone, a file, any code of ours or a library's) stays a bug
            new Case(
                    thrownFrom(
                            "Connection reset",
                            "sun.nio.ch.SocketChannelImpl",
                            "com.oncopay.Something",
                            "io.netty.channel.nio.NioEventLoop"),
                    false),
            new Case(thrownFrom("Connection reset", "sun.nio.ch.SocketChannelImpl", "java.lang.Thread"), false),
            new Case(thrownBy("io.vertx.core.http.impl.Http1xServerConnection", "Broken pipe"), false),
            new Case(new IOException("disk full"), false),
            new Case(new java.net.ConnectException("Connection refused"), true),
            // commands the client could not send: queued behind the one in flight when the server closed the
            // connection, or given to a connection already closed (a 500 in DatabaseKilledFaultIT on CI)
            new Case(new NoStackTraceThrowable(DatabaseUnavailable.PENDING_ON_CLOSED), true),
            new Case(new RuntimeException(new NoStackTraceThrowable(DatabaseUnavailable.PENDING_ON_CLOSED)), true),
            new Case(new NoStackTraceThrowable(DatabaseUnavailable.NOT_ACTIVE + "CLOSED"), true),
            new Case(new NoStackTraceThrowable("Timeout"), true),
            // other bare messages are not the database away
            new Case(new NoStackTraceThrowable("Connection released twice"), false),
            new Case(new NoStackTraceThrowable(null), false)
        })
            assertEquals(
                    c.unavailable(),
                    DatabaseUnavailable.is(c.failure()),
                    c.failure().toString());
    }

    /** Which of those a request that waited for a pooled connection and did not get one is. */
    @Test
    void a_wait_for_a_pooled_connection_that_ended_without_one_is_told_from_the_other_failures() {
        record Case(Throwable failure, boolean waited) {}
        for (Case c : new Case[] {
            new Case(new NoStackTraceThrowable(DatabaseUnavailable.ACQUISITION_TIMEOUT), true),
            new Case(new java.util.concurrent.CompletionException(new NoStackTraceThrowable("Timeout")), true),
            new Case(
                    new io.vertx.core.http.ConnectionPoolTooBusyException(
                            "Connection pool reached max wait queue size of 1024"),
                    true),
            new Case(new NoStackTraceThrowable(DatabaseUnavailable.PENDING_ON_CLOSED), false),
            new Case(new java.net.ConnectException("Connection refused"), false),
            new Case(thrownBy("io.vertx.pgclient.impl.codec.PgEncoder", "Broken pipe"), false),
            new Case(new RuntimeException("Timeout"), false)
        })
            assertEquals(
                    c.waited(),
                    DatabaseUnavailable.waitedForConnection(c.failure()),
                    c.failure().toString());
    }

    /** The client's own class still says the bare messages matched above (an upgrade that rewords them fails here). */
    @Test
    void the_sql_client_still_says_the_messages_of_a_closed_connection() throws IOException {
        String classFile;
        try (InputStream in = io.vertx.sqlclient.Pool.class
                .getClassLoader()
                .getResourceAsStream("io/vertx/sqlclient/impl/SocketConnectionBase.class")) {
            assertTrue(in != null, "SocketConnectionBase on the class path");
            // the constant pool holds string literals as (modified) UTF-8
            classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String message : new String[] {DatabaseUnavailable.PENDING_ON_CLOSED, DatabaseUnavailable.NOT_ACTIVE})
            assertTrue(classFile.contains(message), "the SQL client says: " + message);
    }
}
