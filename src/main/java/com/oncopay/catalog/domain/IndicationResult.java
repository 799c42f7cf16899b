package com.oncopay.catalog.domain;

import java.util.List;

/**
 * Outcome of an indication rule: {@code MET}, {@code NOT_MET} with the reasons, or
 * {@code NEEDS_REVIEW} listing the facts that are missing.
 */
public record IndicationResult(Status status, List<String> reasons, List<String> missingFacts) {
    public enum Status {
        MET,
        NOT_MET,
        NEEDS_REVIEW
    }

    public static final IndicationResult NO_RESTRICTION = new IndicationResult(Status.MET, List.of(), List.of());

    public IndicationResult {
        reasons = List.copyOf(reasons);
        missingFacts = List.copyOf(missingFacts);
    }
}
