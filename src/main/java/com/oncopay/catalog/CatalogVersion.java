package com.oncopay.catalog;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A loaded catalog version. */
public record CatalogVersion(
        int version,
        LocalDate effectiveFrom,
        String contentHash,
        int entryCount,
        String source,
        OffsetDateTime loadedAt) {}
