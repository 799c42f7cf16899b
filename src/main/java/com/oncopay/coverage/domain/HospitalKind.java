package com.oncopay.coverage.domain;

/** What a hospital is; only general and specialist hospitals can be designated. */
public enum HospitalKind {
    GENERAL,
    SPECIALIST,
    SANATORIUM,
    NURSING,
    REHABILITATION,
    ADDICTION,
    PSYCHIATRIC,
    JOINT_WARD
}
