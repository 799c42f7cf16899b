package com.oncopay.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.catalog.domain.IndicationRules;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The versioned catalog: which version is in force on a date, reads through a Redis
 * cache, and loading of new versions. Cache keys carry the version id, so a version
 * that comes into force is read under new keys; the keys of versions that are no longer
 * in force are deleted when a new version is loaded, and all of them expire.
 * Redis unreachable, frozen or its breaker open ({@link com.oncopay.platform.cache.RedisGuard}) → reads
 * come from PostgreSQL.
 */
@Singleton
public class CatalogService {
    private static final Logger LOG = Logger.getLogger(CatalogService.class);
    private static final com.oncopay.platform.health.Degraded STALE =
            new com.oncopay.platform.health.Degraded(CatalogService.class);

    /** A read and where it came from: this replica's memory, Redis, or PostgreSQL (also when Redis cannot be asked). */
    public record Cached<T>(T value, Source source) {}

    /** Where a catalog read came from; its name is the answer's {@code X-Cache}. */
    public enum Source {
        NEAR,
        HIT,
        MISS
    }

    private record VersionCache(List<CatalogVersion> versions, long readAtNanos, boolean loaded) {}

    private final CatalogRepository repository;
    private final Transactions transactions;
    private final ReactiveValueCommands<String, String> cache;
    private final ObjectMapper mapper;
    private final CatalogConfig config;
    private final Clock clock;
    private final com.oncopay.platform.cache.RedisGuard guard;
    private volatile VersionCache versionCache = new VersionCache(List.of(), 0, false);
    private volatile IndicationRules rules;
    private final NearCatalogCache near;

    public CatalogService(
            CatalogRepository repository,
            Transactions transactions,
            ReactiveRedisDataSource redis,
            ObjectMapper mapper,
            CatalogConfig config,
            Clock clock,
            com.oncopay.platform.cache.RedisGuard guard) {
        this.guard = guard;
        this.repository = repository;
        this.transactions = transactions;
        this.cache = redis.value(String.class, String.class);
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
        this.near = new NearCatalogCache(
                config.nearCacheMaxChars(), config.cacheTtl().toNanos(), System::nanoTime);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public IndicationRules rules() {
        return rules;
    }

    void useRules(IndicationRules rules) {
        this.rules = rules;
    }

    /**
     * All versions, oldest first (cached in memory for {@code versionRefresh}). When they cannot be read
     * again (PostgreSQL unreachable) the copy held answers, so that cached eligibility and cached catalog
     * pages keep working; the next call tries again.
     */
    public Uni<List<CatalogVersion>> versions() {
        return versions(null);
    }

    /** As {@link #versions()}, reading them again through {@code db} (null: the pool) when they must be read. */
    private Uni<List<CatalogVersion>> versions(Tx db) {
        List<CatalogVersion> held = versionsHeld();
        if (held != null) return Uni.createFrom().item(held);
        VersionCache c = versionCache;
        if (!c.loaded()) return refreshVersions(db);
        return refreshVersions(db).onFailure().recoverWithItem(e -> {
            STALE.warn(
                    "Catalog versions could not be read again (%s); the copy held answers until they can "
                            + "(this line at most once a minute)",
                    e.toString());
            return c.versions();
        });
    }

    /**
     * The versions held in memory while they are fresh, else null: for a caller that can answer without waiting
     * (the eligibility near cache's hit) and calls {@link #versions()} when this is null.
     */
    public List<CatalogVersion> versionsHeld() {
        VersionCache c = versionCache;
        return c.loaded()
                        && System.nanoTime() - c.readAtNanos()
                                < config.versionRefresh().toNanos()
                ? c.versions()
                : null;
    }

    /** Reads the versions again (after a load). */
    Uni<List<CatalogVersion>> refreshVersions() {
        return refreshVersions(null);
    }

    private Uni<List<CatalogVersion>> refreshVersions(Tx db) {
        long now = System.nanoTime();
        return repository
                .versions(db == null ? transactions.autoCommit() : db)
                .invoke(v -> versionCache = new VersionCache(v, now, true));
    }

    /** The version in force on a date: the latest whose effective date is on or before it. */
    public Uni<CatalogVersion> inForce(LocalDate on) {
        return inForce(on, null);
    }

    private Uni<CatalogVersion> inForce(LocalDate on, Tx db) {
        return versions(db)
                .map(all -> inForce(all, on)
                        .orElseThrow(() -> Refused.of(Refused.Kind.NOT_FOUND, "NO_CATALOG_VERSION", on)));
    }

    public static Optional<CatalogVersion> inForce(List<CatalogVersion> versions, LocalDate on) {
        CatalogVersion found = null;
        for (CatalogVersion v : versions) if (!v.effectiveFrom().isAfter(on)) found = v;
        return Optional.ofNullable(found);
    }

    /** One entry by drug id ({@code D001}) or list number, in the version in force on the date. */
    public Uni<Cached<DrugView>> drug(String drugId, LocalDate on) {
        return drug(drugId, on, null);
    }

    /**
     * As {@link #drug(String, LocalDate)}, for a unit that holds a connection ({@code Transactions#onConnection}):
     * what must be read from PostgreSQL (the versions, the entry on a miss of both caches) is read through
     * {@code db}, not on a second connection taken while that one is held (null: the pool).
     */
    public Uni<Cached<DrugView>> drug(String drugId, LocalDate on, Tx db) {
        int listNo = CatalogEntry.listNoOf(drugId);
        if (listNo <= 0) return Uni.createFrom().failure(Refused.of(Refused.Kind.NOT_FOUND, "DRUG_NOT_FOUND", drugId));
        return inForce(on, db)
                .flatMap(v -> cached(
                        keyPrefix(v) + "drug:" + listNo,
                        DrugView.class,
                        () -> repository
                                .find(db == null ? transactions.autoCommit() : db, v.version(), listNo)
                                .map(found -> found.orElseThrow(
                                        () -> Refused.of(Refused.Kind.NOT_FOUND, "DRUG_NOT_FOUND", drugId)))));
    }

    /** A page of entries; its list is unmodifiable (pages are shared by the near cache). */
    public record SearchPage(List<DrugView> items, int page, int size, long total, int catalogVersion) {
        public SearchPage {
            items = List.copyOf(items);
        }
    }

    public Uni<Cached<SearchPage>> search(String q, Integer tier, Boolean nrdl, int page, int size, LocalDate on) {
        String query = q == null || q.isBlank() ? null : q.strip();
        return inForce(on).flatMap(v -> {
            String key = keyPrefix(v) + "search:" + sha1(query + "|" + tier + "|" + nrdl + "|" + page + "|" + size);
            return cached(
                    key,
                    SearchPage.class,
                    () -> repository
                            .search(transactions.autoCommit(), v.version(), query, tier, nrdl, page, size)
                            .map(p -> new SearchPage(p.items(), page, size, p.total(), v.version())));
        });
    }

    /**
     * A read through this replica's near cache ({@link NearCatalogCache}), then Redis, then PostgreSQL; what Redis
     * or PostgreSQL gave is kept near, and what PostgreSQL gave is written to Redis.
     */
    private <T> Uni<Cached<T>> cached(String key, Class<T> type, Supplier<Uni<T>> load) {
        T kept = near.get(key, type);
        if (kept != null) return Uni.createFrom().item(new Cached<>(kept, Source.NEAR));
        return guard.call(() -> cache.get(key))
                .onFailure()
                .invoke(e -> LOG.debugf("catalog cache read skipped: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .flatMap(json -> {
                    if (json != null) {
                        try {
                            T value = mapper.readValue(json, type);
                            near.put(key, value, key.length() + json.length());
                            return Uni.createFrom().item(new Cached<>(value, Source.HIT));
                        } catch (JsonProcessingException e) {
                            LOG.warnf("discarding unreadable cache entry %s", key);
                        }
                    }
                    return load.get().call(value -> write(key, value)).map(value -> new Cached<>(value, Source.MISS));
                });
    }

    /** Keeps a value read from PostgreSQL near and writes it to Redis. */
    private Uni<Void> write(String key, Object value) {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem();
        }
        near.put(key, value, key.length() + json.length());
        return guard.call(() -> cache.set(key, json, new SetArgs().px(config.cacheTtl())))
                .onFailure()
                .invoke(e -> LOG.debugf("catalog cache write skipped: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Cache keys name the version and its content, so a key can never serve another catalog's data. */
    public static String keyPrefix(CatalogVersion v) {
        return "catalog:v" + v.version() + "-" + v.contentHash().substring(0, 12) + ":";
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
