package com.oncopay.catalog;

import java.util.Optional;

/**
 * Which charity-assistance programme donates a drug, if any. The programmes belong to the assistance
 * feature (which implements this); the catalog only shows their code beside a drug, so it depends on
 * this interface and not on that feature.
 */
public interface AidProgrammeLookup {
    Optional<String> programmeCodeFor(String drugId);
}
