package com.oncopay.catalog.domain;

/**
 * Where a drug may be handed over: {@code ANY} (store pickup or home delivery),
 * {@code HOSPITAL_ONLY} (CAR-T and radio-embolisation go to the treating hospital, never
 * to a home address), {@code PER_COURSE} (the tumour-treating-fields device, issued per course).
 */
public enum FulfilmentRestriction {
    ANY,
    HOSPITAL_ONLY,
    PER_COURSE
}
