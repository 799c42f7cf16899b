package com.oncopay.assistance.domain;

/** A donated cycle: OPEN until collected within its window, or FORFEITED when the window passes. */
public enum AidCycleStatus {
    OPEN,
    COLLECTED,
    FORFEITED
}
