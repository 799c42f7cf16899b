package com.oncopay.platform.db;

import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection one unit of work runs on: a transaction ({@link Transactions#inTransaction}), one
 * connection for several reads ({@link Transactions#onConnection}) or the pool itself for a single
 * statement ({@link Transactions#autoCommit}). Use cases hold it and hand it to every repository
 * method of the unit, so a unit never takes a second connection while it holds one. Only
 * repositories and this package look behind it ({@link #client()}).
 */
public final class Tx {
    private final SqlClient client;
    private final boolean transaction;
    /** What runs once the transaction has committed (null until something asks: most units need none). */
    private List<Runnable> afterCommit;

    private Tx(SqlClient client, boolean transaction) {
        this.client = client;
        this.transaction = transaction;
    }

    /** A client whose statements commit by themselves (or whose transaction is not managed here). */
    public static Tx of(SqlClient client) {
        return new Tx(client, false);
    }

    static Tx transaction(SqlClient client) {
        return new Tx(client, true);
    }

    /** Whether this is a managed transaction's ({@link Transactions#inTransaction}). */
    boolean inTransaction() {
        return transaction;
    }

    /** For repositories: the SQL client the statements run on. */
    public SqlClient client() {
        return client;
    }

    /**
     * Runs {@code action} once the unit's transaction has committed (never on a rollback); once per
     * unit however often it is asked for. Outside a managed transaction the statements already
     * committed, so it runs at once. It must be quick and never fail (a nudge, not work).
     */
    public void afterCommit(Runnable action) {
        if (!transaction) {
            action.run();
            return;
        }
        synchronized (this) {
            if (afterCommit == null) afterCommit = new ArrayList<>(2);
            else if (afterCommit.contains(action)) return;
            afterCommit.add(action);
        }
    }

    void committed() {
        List<Runnable> actions;
        synchronized (this) {
            actions = afterCommit;
            afterCommit = null;
        }
        if (actions != null) for (Runnable a : actions) a.run();
    }
}
