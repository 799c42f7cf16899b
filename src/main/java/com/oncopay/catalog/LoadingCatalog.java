package com.oncopay.catalog;

import com.oncopay.catalog.domain.CatalogParser;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Loading a catalog version: one transaction with its audit row, then the superseded cached reads evicted. */
@ApplicationScoped
public class LoadingCatalog {
    private static final Logger LOG = Logger.getLogger(LoadingCatalog.class);

    /** Outcome of a load. */
    public record LoadResult(boolean created, CatalogVersion version) {}

    private final CatalogService catalog;
    private final CatalogRepository repository;
    private final Transactions transactions;
    private final ReactiveRedisDataSource redis;
    private final AuditLog audit;

    public LoadingCatalog(
            CatalogService catalog,
            CatalogRepository repository,
            Transactions transactions,
            ReactiveRedisDataSource redis,
            AuditLog audit) {
        this.catalog = catalog;
        this.repository = repository;
        this.transactions = transactions;
        this.redis = redis;
        this.audit = audit;
    }

    /**
     * Loads a parsed catalog. Same content as the latest version → nothing new. Otherwise a
     * new version effective from the snapshot's date, which must be later than every
     * existing version's (past versions and the decisions made under them stay as they were).
     */
    public Uni<LoadResult> load(CatalogParser.Snapshot snapshot, String source, String actor) {
        return transactions
                .inTransaction(tx -> repository
                        .lockForLoad(tx)
                        .flatMap(ignored -> repository.versions(tx))
                        .flatMap(existing -> {
                            CatalogVersion latest = existing.isEmpty() ? null : existing.get(existing.size() - 1);
                            if (latest != null && latest.contentHash().equals(snapshot.contentHash())) {
                                return Uni.createFrom().item(new LoadResult(false, latest));
                            }
                            if (latest != null && !snapshot.effectiveFrom().isAfter(latest.effectiveFrom())) {
                                throw Refused.conflict(
                                        "CATALOG_VERSION_NOT_LATER", snapshot.effectiveFrom(), latest.effectiveFrom());
                            }
                            return repository
                                    .insertVersion(tx, snapshot, source, actor)
                                    .call(id -> audit.record(
                                            tx,
                                            new AuditEntry(
                                                    actor,
                                                    actor.equals("system") ? "SYSTEM" : "ADMIN",
                                                    "CATALOG_VERSION_LOADED",
                                                    "catalog_version",
                                                    Integer.toString(id),
                                                    Map.of(
                                                            "effectiveFrom",
                                                            snapshot.effectiveFrom()
                                                                    .toString(),
                                                            "entries",
                                                            snapshot.entries().size(),
                                                            "contentHash",
                                                            snapshot.contentHash()))))
                                    .map(id -> new LoadResult(
                                            true,
                                            new CatalogVersion(
                                                    id,
                                                    snapshot.effectiveFrom(),
                                                    snapshot.contentHash(),
                                                    snapshot.entries().size(),
                                                    source,
                                                    null)));
                        }))
                .call(result -> catalog.refreshVersions()
                        .call(all -> result.created()
                                ? evictSuperseded(all)
                                : Uni.createFrom().voidItem()));
    }

    /** Deletes cached reads of versions that are no longer in force today (SCAN, never KEYS). */
    private Uni<Void> evictSuperseded(List<CatalogVersion> all) {
        Optional<CatalogVersion> current = CatalogService.inForce(all, catalog.today());
        List<Uni<Void>> deletions = all.stream()
                .filter(v -> current.isEmpty() || v.version() != current.get().version())
                .filter(v -> !v.effectiveFrom().isAfter(catalog.today()))
                .map(v -> redis.key(String.class)
                        .scan(new KeyScanArgs()
                                .match(CatalogService.keyPrefix(v) + "*")
                                .count(500))
                        .toMulti()
                        .collect()
                        .asList()
                        .flatMap(keys -> keys.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : redis.key(String.class)
                                        .del(keys.toArray(String[]::new))
                                        .replaceWithVoid()))
                .toList();
        if (deletions.isEmpty()) return Uni.createFrom().voidItem();
        return Uni.join()
                .all(deletions)
                .andCollectFailures()
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.debugf("catalog cache eviction skipped: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }
}
