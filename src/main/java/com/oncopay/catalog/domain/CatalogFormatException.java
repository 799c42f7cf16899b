package com.oncopay.catalog.domain;

import java.util.List;

/** A catalog file was rejected; nothing of it is loaded. Lists every problem found. */
public class CatalogFormatException extends RuntimeException {
    private final List<CatalogProblem> problems;

    public CatalogFormatException(List<CatalogProblem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
