package com.oncopay.platform.db;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * The pool as a client of single statements ({@link Transactions#autoCommit}) whose wait for a connection is bounded
 * like every other one. A statement sent to the pool itself waits in its queue with no time limit (vertx-sql-client
 * 4.5's {@code SqlConnectionPool.execute} acquires without the pool's connection timeout, which only
 * {@code getConnection} honours): with every connection busy, or PostgreSQL hung, such a read waited for as long as that
 * lasted (found by {@code ReadinessWithEveryConnectionHeldTest}). Here each statement takes a connection with
 * {@link io.vertx.sqlclient.Pool#withConnection}, so it fails after {@code oncopay.db.acquire-timeout} (503 {@code ENGINE_BUSY} or
 * {@code DATABASE_UNAVAILABLE}), runs, and gives the connection back.
 */
final class BoundedWaitClient implements SqlClient {
    private final io.vertx.mutiny.sqlclient.Pool pool;

    BoundedWaitClient(io.vertx.mutiny.sqlclient.Pool pool) {
        this.pool = pool;
    }

    /** One statement's turn in the pool ({@link PoolTurns}). */
    private <T> Future<T> withConnection(Function<SqlConnection, Future<T>> statement) {
        PoolTurns.taken();
        return pool.getDelegate().withConnection(statement);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new OnConnection<>(c -> c.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new Prepared<>(c -> c.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new Prepared<>(c -> c.preparedQuery(sql, options));
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        throw new UnsupportedOperationException("the pool is closed by its owner");
    }

    @Override
    public Future<Void> close() {
        throw new UnsupportedOperationException("the pool is closed by its owner");
    }

    /** A query made on the connection it is given, once one is taken. */
    private class OnConnection<T> implements Query<T> {
        final Function<SqlConnection, Query<T>> on;

        OnConnection(Function<SqlConnection, Query<T>> on) {
            this.on = on;
        }

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return withConnection(c -> on.apply(c).execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new OnConnection<>(c -> on.apply(c).collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new OnConnection<>(c -> on.apply(c).mapping(mapper));
        }
    }

    private final class Prepared<T> extends OnConnection<T> implements PreparedQuery<T> {
        private final Function<SqlConnection, PreparedQuery<T>> prepared;

        Prepared(Function<SqlConnection, PreparedQuery<T>> prepared) {
            super(prepared::apply);
            this.prepared = prepared;
        }

        @Override
        public void execute(Tuple tuple, Handler<AsyncResult<T>> handler) {
            execute(tuple).onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return withConnection(c -> prepared.apply(c).execute(tuple));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return withConnection(c -> prepared.apply(c).executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new Prepared<>(c -> prepared.apply(c).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new Prepared<>(c -> prepared.apply(c).mapping(mapper));
        }
    }
}
