package com.oncopay.platform.db;

import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The connection one unit of work runs on: a transaction ({@link Transactions#inTransaction}), one
 * connection for several reads ({@link Transactions#onConnection}) or the pool itself for a single
 * statement ({@link Transactions#autoCommit}). Use cases hold it and hand it to every repository
 * method of the unit, so a unit never takes a second connection while it holds one. Only
 * repositories and this package look behind it ({@link #client()}).
 */
public final class Tx {
    private final SqlClient client;

    private Tx(SqlClient client) {
        this.client = client;
    }

    public static Tx of(SqlClient client) {
        return new Tx(client);
    }

    /** For repositories: the SQL client the statements run on. */
    public SqlClient client() {
        return client;
    }
}
