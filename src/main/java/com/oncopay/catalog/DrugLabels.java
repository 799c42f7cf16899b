package com.oncopay.catalog;

import com.oncopay.platform.db.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The drugs' names in memory (#23: the counter's preview, receipt, deliveries and settlement name the drug,
 * not {@code D001}). One read of every drug's names as the version in force today gives them (a drug it no
 * longer lists: as the latest earlier version did; a version loaded for a later date is not read), a few
 * hundred rows, kept until another version comes into force; the version list itself is cached in memory by
 * {@link CatalogService}, so a redemption's hot path asks nothing of the database or Redis for a name. Never
 * call it while a connection is held: the first read of a version takes one.
 */
@ApplicationScoped
public class DrugLabels {
    private record Loaded(int version, Map<String, DrugLabel> labels) {}

    private final CatalogService catalog;
    private final CatalogRepository repository;
    private final Transactions transactions;
    private volatile Loaded loaded = new Loaded(-1, Map.of());

    public DrugLabels(CatalogService catalog, CatalogRepository repository, Transactions transactions) {
        this.catalog = catalog;
        this.repository = repository;
        this.transactions = transactions;
    }

    /** The names of one drug ({@link DrugLabel#unknown} for an id no version lists). */
    public Uni<DrugLabel> of(String drugId) {
        return all().map(m -> of(m, drugId));
    }

    /** One drug's names in what {@link #all()} gave ({@link DrugLabel#unknown} for an id no version lists). */
    public static DrugLabel of(Map<String, DrugLabel> all, String drugId) {
        return all.getOrDefault(drugId, DrugLabel.unknown(drugId));
    }

    /** Every drug's names by id. */
    public Uni<Map<String, DrugLabel>> all() {
        return catalog.versions().flatMap(this::labels);
    }

    private Uni<Map<String, DrugLabel>> labels(List<CatalogVersion> versions) {
        int inForce = CatalogService.inForce(versions, catalog.today())
                .map(CatalogVersion::version)
                .orElse(0);
        Loaded l = loaded;
        if (l.version() == inForce) return Uni.createFrom().item(l.labels());
        return repository.labels(transactions.autoCommit(), inForce).map(m -> {
            loaded = new Loaded(inForce, m);
            return m;
        });
    }
}
