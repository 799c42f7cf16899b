package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidProgramme;
import com.oncopay.catalog.AidProgrammeLookup;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The aid programmes of {@code drug-catalog/aid-programmes.tsv}, read once at start-up. */
@Startup
@ApplicationScoped
public class AidProgrammes implements AidProgrammeLookup {
    private final Map<String, AidProgramme> byCode;

    public AidProgrammes() {
        try (InputStream in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream("drug-catalog/aid-programmes.tsv")) {
            if (in == null) throw new IllegalStateException("drug-catalog/aid-programmes.tsv is not packaged");
            byCode = AidProgramme.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Collection<AidProgramme> all() {
        return byCode.values();
    }

    public Optional<AidProgramme> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    @Override
    public Optional<String> programmeCodeFor(String drugId) {
        return forDrug(drugId).map(AidProgramme::code);
    }

    public Optional<AidProgramme> forDrug(String drugId) {
        return byCode.values().stream()
                .filter(p -> p.drugIds().contains(drugId))
                .findFirst();
    }
}
