package com.oncopay.calendar;

import com.oncopay.calendar.domain.BusinessCalendar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A feature whose open items carry dates counted in business days. When an official year is
 * loaded, each one recomputes, in the same transaction, the open items whose dates were
 * computed on a provisional day (docs/RULES.md, "Business days").
 */
public interface OpenDueDates {
    /** What the items are called in the load's result, e.g. {@code prescriptions}. */
    String items();

    /** Recomputes with {@code calendar}; returns how many items got another date. */
    Uni<Integer> recompute(SqlClient tx, BusinessCalendar calendar);

    /** One item counted again: the parameters of its update, and whether a date moved. */
    record Recount(Tuple update, boolean moved) {}

    /**
     * Reads the items with {@code select} (which should lock them), counts each again and writes them
     * back with {@code update} in one batch; returns how many moved.
     */
    static Uni<Integer> recount(SqlClient tx, String select, String update, Function<Row, Recount> recount) {
        return tx.preparedQuery(select).execute().flatMap(rows -> {
            List<Tuple> updates = new ArrayList<>();
            int moved = 0;
            for (Row r : rows) {
                Recount c = recount.apply(r);
                updates.add(c.update());
                if (c.moved()) moved++;
            }
            if (updates.isEmpty()) return Uni.createFrom().item(0);
            int n = moved;
            return tx.preparedQuery(update).executeBatch(updates).replaceWith(n);
        });
    }
}
