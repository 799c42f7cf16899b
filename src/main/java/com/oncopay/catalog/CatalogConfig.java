package com.oncopay.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "oncopay.catalog")
public interface CatalogConfig {
    /** A folder holding drugs.tsv, catalog.properties, indication-rules.tsv, therapy-classes.tsv; default: the packaged copy. */
    Optional<Path> dir();

    /** Load the catalog files at start-up (idempotent). */
    @WithDefault("true")
    boolean loadAtStartup();

    /** How long catalog reads stay in Redis. */
    @WithDefault("1H")
    Duration cacheTtl();

    /**
     * The bound of this replica's near cache of catalog reads, as the total length of the keys and the JSON its entries were made
     * from (about 2-3 times as many bytes of heap); 0 turns it off. See {@link NearCatalogCache}.
     */
    @WithDefault("2000000")
    long nearCacheMaxChars();

    /** How often a replica re-reads the list of versions (another replica may have loaded one). */
    @WithDefault("10S")
    Duration versionRefresh();
}
