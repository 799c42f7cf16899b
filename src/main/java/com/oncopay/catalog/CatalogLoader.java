package com.oncopay.catalog;

import com.oncopay.catalog.domain.CatalogFormatException;
import com.oncopay.catalog.domain.CatalogParser;
import com.oncopay.catalog.domain.IndicationRules;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Loads the catalog files at start-up and on demand. Parsing is blocking file work and runs
 * on a worker thread. A malformed file is rejected whole, naming file, line and field;
 * the version in force stays as it was.
 */
@ApplicationScoped
public class CatalogLoader {
    private static final Logger LOG = Logger.getLogger(CatalogLoader.class);
    /** Start-up order: the catalog first, then what refers to it. */
    public static final int STARTUP_PRIORITY = jakarta.interceptor.Interceptor.Priority.APPLICATION;

    private final CatalogService catalog;
    private final LoadingCatalog loading;
    private final CatalogConfig config;

    public CatalogLoader(CatalogService catalog, LoadingCatalog loading, CatalogConfig config) {
        this.catalog = catalog;
        this.loading = loading;
        this.config = config;
    }

    void onStart(@Observes @jakarta.annotation.Priority(STARTUP_PRIORITY) StartupEvent event) {
        CatalogFiles files = new CatalogFiles(config.dir());
        try {
            IndicationRules rules = files.rules();
            catalog.useRules(rules);
        } catch (CatalogFormatException e) {
            e.problems().forEach(p -> LOG.errorf("Indication rules rejected: %s", p));
            throw e; // without the rules no prescription can be checked: refuse to start
        }
        if (!config.loadAtStartup()) return;
        try {
            // Start-up runs on the main thread, before requests are served: waiting here is intended.
            LoadingCatalog.LoadResult r = loadFromFiles("system").await().atMost(Duration.ofMinutes(2));
            LOG.infof(
                    "Catalog version %d effective from %s: %s",
                    r.version().version(), r.version().effectiveFrom(), r.created() ? "loaded" : "unchanged");
        } catch (CatalogFormatException e) {
            e.problems().forEach(p -> LOG.errorf("Catalog file rejected, version in force unchanged: %s", p));
        }
    }

    /** Reads the files (worker thread) and loads them. */
    public Uni<LoadingCatalog.LoadResult> loadFromFiles(String actor) {
        CatalogFiles files = new CatalogFiles(config.dir());
        return Uni.createFrom()
                .item(() -> {
                    IndicationRules rules = files.rules();
                    catalog.useRules(rules);
                    return new Object[] {files.snapshot(rules), files.source()};
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(parsed -> loading.load((CatalogParser.Snapshot) parsed[0], (String) parsed[1], actor));
    }
}
