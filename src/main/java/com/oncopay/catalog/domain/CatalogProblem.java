package com.oncopay.catalog.domain;

/** One defect in a catalog data file, located by file, line and field. */
public record CatalogProblem(String file, int line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + (field == null ? "" : " [" + field + "]") + ": " + message;
    }
}
