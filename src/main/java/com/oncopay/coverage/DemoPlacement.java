package com.oncopay.coverage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the demo data set working on any day. Its dates (policy terms, first diagnoses, and so
 * the waiting periods) are written for one day, {@code placedFor}; on the day the engine starts
 * they are moved by the whole number of days between the two, so that every relation between
 * them and "today" is the one the data set was written for. Rows loaded on an earlier day are
 * moved by the difference, in one transaction. Birth dates stay: they are part of the identity
 * number. Demo rows only (members marked {@code demo}).
 */
@ApplicationScoped
public class DemoPlacement {
    private final Pool pool;
    private final EligibilityCache cache;

    public DemoPlacement(Pool pool, EligibilityCache cache) {
        this.pool = pool;
        this.cache = cache;
    }

    /** Days to add to a date of the data set so that {@code placedFor} becomes {@code today}. */
    public static long shift(LocalDate placedFor, LocalDate today) {
        return ChronoUnit.DAYS.between(placedFor, today);
    }

    /** Moves the demo rows already stored to {@code shiftDays}; returns how many days they moved. */
    public Uni<Integer> moveStoredRowsTo(long shiftDays) {
        int target = Math.toIntExact(shiftDays);
        return pool.withTransaction(tx -> tx.query("select shift_days from demo_placement for update")
                        .execute()
                        .flatMap(rows -> {
                            int stored = rows.iterator().hasNext()
                                    ? rows.iterator().next().getInteger(0)
                                    : 0; // loaded before placement: as written
                            int delta = target - stored;
                            Uni<?> move = delta == 0
                                    ? Uni.createFrom().voidItem()
                                    : tx.preparedQuery(
                                                    "update policy set effective_date = effective_date + $1::integer, expiry_date = expiry_date + $1::integer "
                                                            + "where member_id in (select member_id from member where demo)")
                                            .execute(Tuple.of(delta))
                                            .flatMap(x -> tx.preparedQuery(
                                                            "update diagnosis set diagnosed_on = diagnosed_on + $1::integer "
                                                                    + "where member_id in (select member_id from member where demo)")
                                                    .execute(Tuple.of(delta)));
                            return move.flatMap(x -> tx.preparedQuery(
                                                    "insert into demo_placement (shift_days) values ($1) "
                                                            + "on conflict (id) do update set shift_days = excluded.shift_days, placed_at = now()")
                                            .execute(Tuple.of(target)))
                                    .replaceWith(delta);
                        }))
                .call(delta -> delta == 0 ? Uni.createFrom().voidItem() : invalidateDemoMembers());
    }

    private Uni<Void> invalidateDemoMembers() {
        return pool.query("select member_id from member where demo").execute().flatMap(rows -> {
            List<Uni<Void>> all = new ArrayList<>();
            rows.forEach(r -> all.add(cache.invalidate(r.getString(0))
                    .onFailure()
                    .recoverWithNull())); // Redis is a cache: its TTL ends the rest
            return all.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : Uni.join().all(all).andCollectFailures().replaceWithVoid();
        });
    }
}
