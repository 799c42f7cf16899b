package com.oncopay.catalog;

import com.oncopay.catalog.domain.CatalogFormatException;
import com.oncopay.catalog.domain.CatalogParser;
import com.oncopay.catalog.domain.CatalogProblem;
import com.oncopay.catalog.domain.IndicationRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the catalog data files: from {@code oncopay.catalog.dir} when set (operations can
 * drop a new list there), otherwise from the copy of {@code drug-catalog/} packaged in the
 * application. Blocking file I/O: call it from a worker thread.
 */
public final class CatalogFiles {
    public static final String DRUGS = "drugs.tsv";
    public static final String MANIFEST = "catalog.properties";
    public static final String RULES = "indication-rules.tsv";
    public static final String CLASSES = "therapy-classes.tsv";

    private final Optional<Path> dir;

    public CatalogFiles(Optional<Path> dir) {
        this.dir = dir;
    }

    public String read(String name) {
        try {
            if (dir.isPresent()) return Files.readString(dir.get().resolve(name), StandardCharsets.UTF_8);
            try (InputStream in =
                    Thread.currentThread().getContextClassLoader().getResourceAsStream("drug-catalog/" + name)) {
                if (in == null) throw new IOException("drug-catalog/" + name + " is not packaged");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CatalogFormatException(
                    List.of(new CatalogProblem(name, 0, null, "cannot read: " + e.getMessage())));
        }
    }

    public IndicationRules rules() {
        return IndicationRules.parse(RULES, read(RULES), CLASSES, read(CLASSES));
    }

    public CatalogParser.Snapshot snapshot(IndicationRules rules) {
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(read(MANIFEST)));
        } catch (IOException e) {
            throw new CatalogFormatException(List.of(new CatalogProblem(MANIFEST, 0, null, e.getMessage())));
        }
        LocalDate effectiveFrom = CatalogParser.effectiveDate(MANIFEST, manifest.getProperty("effectiveFrom"));
        return CatalogParser.parse(DRUGS, read(DRUGS), effectiveFrom, rules.ruleCodes());
    }

    public String source() {
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(read(MANIFEST)));
        } catch (IOException e) {
            return "drug-catalog";
        }
        return manifest.getProperty("source", "drug-catalog");
    }
}
