package com.oncopay.assistance;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The names and cities of the foundations' designated pharmacies, read from the pharmacy register. */
@ApplicationScoped
public class AidPharmacyRepository {
    /** A designated pharmacy as a programme lists it. */
    public record Named(String code, String name, String city) {}

    /** The pharmacies of {@code codes} that are registered, by code (an unregistered code is absent). */
    public Uni<Map<String, Named>> named(Tx tx, List<String> codes) {
        return tx.client()
                .preparedQuery("select code, name, city from pharmacy where code = any($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Named> out = new HashMap<>();
                    for (Row r : rows)
                        out.put(
                                r.getString("code"),
                                new Named(r.getString("code"), r.getString("name"), r.getString("city")));
                    return out;
                });
    }
}
