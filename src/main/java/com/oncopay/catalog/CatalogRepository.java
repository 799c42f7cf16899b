package com.oncopay.catalog;

import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.catalog.domain.CatalogParser;
import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.catalog.domain.FulfilmentRestriction;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.time.WallClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for catalog versions and entries (reactive PostgreSQL client). */
@ApplicationScoped
public class CatalogRepository {
    static final String COLUMNS = "d.drug_id, d.list_no, d.brand_name, d.generic_name, d.manufacturer, d.molecule_key, "
            + "d.english_generic, d.originator, d.tier, d.nrdl, d.nrdl_list_year, d.cold_chain, d.form, d.indication_rule, "
            + "d.fulfilment, d.aid_program, d.max_days_supply, v.effective_from, v.id as version_id";
    private static final String INSERT_DRUG =
            "insert into catalog_drug (version_id, drug_id, list_no, brand_name, generic_name, "
                    + "manufacturer, molecule_key, english_generic, originator, tier, nrdl, nrdl_list_year, cold_chain, form, "
                    + "max_days_supply, indication_rule, fulfilment, aid_program, pinyin_initials, pinyin_full) "
                    + "values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)";

    private static final String SEARCH_FILTER = "where d.version_id = $1 "
            + "and ($2::text is null or d.brand_name ilike $2 or d.generic_name ilike $2 or lower(d.english_generic) like $2 "
            + "     or d.molecule_key like $2 or d.pinyin_initials like $2 or d.pinyin_full like $2 or d.manufacturer ilike $2) "
            + "and ($3::smallint is null or d.tier = $3) and ($4::boolean is null or d.nrdl = $4) ";

    private static final String VERSIONS = """
            select id, effective_from, content_hash, entry_count, source, loaded_at
              from catalog_version order by effective_from""";
    private static final String INSERT_VERSION = """
            insert into catalog_version (effective_from, content_hash, entry_count, source, loaded_by, loaded_at)
            values ($1, $2, $3, $4, $5, $6) returning id""";
    private static final String FIND = "select " + COLUMNS
            + " from catalog_drug d join catalog_version v on v.id = d.version_id"
            + " where d.version_id = $1 and d.list_no = $2";

    private final WallClock wallClock;

    public CatalogRepository(WallClock wallClock) {
        this.wallClock = wallClock;
    }

    public Uni<List<CatalogVersion>> versions(Tx tx) {
        return tx.client().query(VERSIONS).execute().map(rows -> {
            List<CatalogVersion> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new CatalogVersion(
                        r.getInteger("id"),
                        r.getLocalDate("effective_from"),
                        r.getString("content_hash"),
                        r.getInteger("entry_count"),
                        r.getString("source"),
                        r.getOffsetDateTime("loaded_at")));
            }
            return out;
        });
    }

    /**
     * Every drug's names as version {@code upTo} gives them, or the latest earlier version that lists it (ids grow
     * with the effective date: a version is loaded only for a date later than every existing one's).
     */
    public Uni<Map<String, DrugLabel>> labels(Tx tx, int upTo) {
        return tx.client()
                .preparedQuery("select distinct on (drug_id) drug_id, brand_name, generic_name, form from catalog_drug"
                        + " where version_id <= $1 order by drug_id, version_id desc")
                .execute(Tuple.of(upTo))
                .map(rows -> {
                    Map<String, DrugLabel> out = new HashMap<>();
                    for (Row r : rows) {
                        String id = r.getString("drug_id");
                        out.put(
                                id,
                                new DrugLabel(
                                        id,
                                        r.getString("brand_name"),
                                        r.getString("generic_name"),
                                        DrugForm.valueOf(r.getString("form"))));
                    }
                    return Map.copyOf(out);
                });
    }

    /** Serialises loaders across replicas for the rest of the transaction. */
    public Uni<Void> lockForLoad(Tx tx) {
        return tx.client()
                .query("select pg_advisory_xact_lock(7412001)")
                .execute()
                .replaceWithVoid();
    }

    public Uni<Integer> insertVersion(Tx tx, CatalogParser.Snapshot s, String source, String actor) {
        return tx.client()
                .preparedQuery(INSERT_VERSION)
                .execute(Tuple.of(
                        s.effectiveFrom(), s.contentHash(), s.entries().size(), source, actor, wallClock.now()))
                .map(rows -> rows.iterator().next().getInteger(0))
                .flatMap(id -> {
                    List<Tuple> batch = new ArrayList<>(s.entries().size());
                    for (CatalogEntry e : s.entries()) {
                        batch.add(Tuple.from(new Object[] {
                            id,
                            e.drugId(),
                            e.listNo(),
                            e.brandName(),
                            e.genericName(),
                            e.manufacturer(),
                            e.moleculeKey(),
                            e.englishGeneric(),
                            e.originator(),
                            (short) e.tier(),
                            e.nrdl(),
                            e.nrdlListYear(),
                            e.coldChain(),
                            e.form().name(),
                            e.maxDaysSupply(),
                            e.indicationRule(),
                            e.fulfilment().name(),
                            e.aidProgram(),
                            SearchKeys.initials(e.brandName(), e.genericName()),
                            SearchKeys.full(e.brandName(), e.genericName())
                        }));
                    }
                    return tx.client()
                            .preparedQuery(INSERT_DRUG)
                            .executeBatch(batch)
                            .replaceWith(id);
                });
    }

    public Uni<Optional<DrugView>> find(Tx tx, int versionId, int listNo) {
        return tx.client()
                .preparedQuery(FIND)
                .execute(Tuple.of(versionId, listNo))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(view(rows.iterator().next()))
                        : Optional.empty());
    }

    public record Page(List<DrugView> items, long total) {}

    /**
     * Search within one version: {@code q} matches the brand or generic name (Chinese),
     * pinyin initials or full pinyin, the English generic name or the molecule key.
     */
    public Uni<Page> search(Tx tx, int versionId, String q, Integer tier, Boolean nrdl, int page, int size) {
        String like = q == null
                ? null
                : "%"
                        + q.toLowerCase(java.util.Locale.ROOT)
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_")
                        + "%";
        String sql = "select " + COLUMNS
                + ", count(*) over () as total from catalog_drug d join catalog_version v on v.id = d.version_id "
                + SEARCH_FILTER
                + "order by d.list_no limit $5 offset $6";
        Tuple args = Tuple.from(
                new Object[] {versionId, like, tier == null ? null : tier.shortValue(), nrdl, size, (long) page * size
                });
        return tx.client().preparedQuery(sql).execute(args).flatMap(rows -> {
            List<DrugView> items = new ArrayList<>();
            long total = 0;
            for (Row r : rows) {
                items.add(view(r));
                total = r.getLong("total");
            }
            if (items.isEmpty() && page > 0) {
                // past the last page: still report the total
                return tx.client()
                        .preparedQuery("select count(*) from catalog_drug d " + SEARCH_FILTER)
                        .execute(Tuple.of(versionId, like, tier == null ? null : tier.shortValue(), nrdl))
                        .map(c -> new Page(List.of(), c.iterator().next().getLong(0)));
            }
            return Uni.createFrom().item(new Page(items, total));
        });
    }

    static DrugView view(Row r) {
        return new DrugView(
                r.getString("drug_id"),
                r.getInteger("list_no"),
                r.getString("brand_name"),
                r.getString("generic_name"),
                r.getString("manufacturer"),
                r.getString("molecule_key"),
                r.getString("english_generic"),
                r.getBoolean("originator"),
                r.getShort("tier"),
                r.getBoolean("nrdl"),
                r.getInteger("nrdl_list_year"),
                r.getBoolean("cold_chain"),
                DrugForm.valueOf(r.getString("form")),
                r.getString("indication_rule"),
                FulfilmentRestriction.valueOf(r.getString("fulfilment")),
                r.getString("aid_program"),
                r.getInteger("max_days_supply"),
                r.getLocalDate("effective_from"),
                r.getInteger("version_id"));
    }
}
