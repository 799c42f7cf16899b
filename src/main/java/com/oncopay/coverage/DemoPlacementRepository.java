package com.oncopay.coverage;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Where the demo data set is placed ({@code demo_placement}) and the bulk moves of the demo members' dates. */
@ApplicationScoped
public class DemoPlacementRepository {
    private static final String LOCK = "select shift_days from demo_placement for update";
    private static final String MOVE_POLICIES = """
            update policy set effective_date = effective_date + $1::integer, expiry_date = expiry_date + $1::integer,
            received_on = received_on + $1::integer, cancelled_from = cancelled_from + $1::integer
            where member_id in (select member_id from member where demo)""";
    private static final String MOVE_DIAGNOSES = """
            update diagnosis set diagnosed_on = diagnosed_on + $1::integer
            where member_id in (select member_id from member where demo)""";
    private static final String SAVE = """
            insert into demo_placement (shift_days, placed_at) values ($1, $2)
            on conflict (id) do update set shift_days = excluded.shift_days, placed_at = excluded.placed_at""";
    private static final String DEMO_MEMBERS = "select member_id from member where demo";

    /** The stored shift, locked until the transaction ends; 0 when none is stored (loaded before placement). */
    public Uni<Integer> lockShift(Tx tx) {
        return tx.client()
                .query(LOCK)
                .execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
    }

    /** Moves the demo members' policy terms, then their diagnoses, by {@code days}. */
    public Uni<Void> moveDemoDates(Tx tx, int days) {
        return tx.client()
                .preparedQuery(MOVE_POLICIES)
                .execute(Tuple.of(days))
                .flatMap(x -> tx.client().preparedQuery(MOVE_DIAGNOSES).execute(Tuple.of(days)))
                .replaceWithVoid();
    }

    public Uni<Void> save(Tx tx, int shiftDays, OffsetDateTime placedAt) {
        return tx.client()
                .preparedQuery(SAVE)
                .execute(Tuple.of(shiftDays, placedAt))
                .replaceWithVoid();
    }

    public Uni<List<String>> demoMemberIds(Tx tx) {
        return tx.client().query(DEMO_MEMBERS).execute().map(rows -> {
            List<String> ids = new ArrayList<>();
            for (Row r : rows) ids.add(r.getString(0));
            return ids;
        });
    }
}
