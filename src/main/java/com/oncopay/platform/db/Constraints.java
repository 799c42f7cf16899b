package com.oncopay.platform.db;

import io.vertx.pgclient.PgException;

/** What a failed statement says about the database's own rules. */
public final class Constraints {
    private Constraints() {}

    /** True when {@code e} is PostgreSQL refusing a duplicate (23505) under the unique constraint or index named. */
    public static boolean uniqueViolated(Throwable e, String constraint) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
    }
}
