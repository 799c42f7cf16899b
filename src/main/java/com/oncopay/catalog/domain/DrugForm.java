package com.oncopay.catalog.domain;

/** Dosage form of a catalog entry. */
public enum DrugForm {
    TABLET,
    CAPSULE,
    SOFT_CAPSULE,
    ORAL_SOLUTION,
    INJECTION,
    LYOPHILISED_INJECTION,
    CELL_THERAPY,
    DEVICE,
    MICROSPHERE;

    public boolean oral() {
        return this == TABLET || this == CAPSULE || this == SOFT_CAPSULE || this == ORAL_SOLUTION;
    }
}
