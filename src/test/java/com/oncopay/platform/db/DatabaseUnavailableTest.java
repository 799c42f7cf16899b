package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What counts as "PostgreSQL away" (503 DATABASE_UNAVAILABLE) rather than a bug (500). */
class DatabaseUnavailableTest {
    private static IOException thrownBy(String className, String message) {
        IOException e = new IOException(message);
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.nio.ch.FileDispatcherImpl", "write0", null, -2),
            new StackTraceElement(className, "flush", null, 155)
        });
        return e;
    }

    @Test
    void a_broken_pipe_of_the_sql_client_is_the_database_away_and_other_io_failures_are_not() {
        record Case(Throwable failure, boolean unavailable) {}
        for (Case c : new Case[] {
            // a pooled connection whose server was killed (DatabaseKilledFaultIT)
            new Case(thrownBy("io.vertx.pgclient.impl.codec.PgEncoder", "Broken pipe"), true),
            new Case(
                    new RuntimeException(thrownBy("io.vertx.sqlclient.impl.SocketConnectionBase", "Connection reset")),
                    true),
            // the same failure elsewhere (an HTTP client gone, a file) stays a bug
            new Case(thrownBy("io.vertx.core.http.impl.Http1xServerConnection", "Broken pipe"), false),
            new Case(new IOException("disk full"), false),
            new Case(new java.net.ConnectException("Connection refused"), true)
        })
            assertEquals(
                    c.unavailable(),
                    DatabaseUnavailable.is(c.failure()),
                    c.failure().toString());
    }
}
