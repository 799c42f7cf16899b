package com.oncopay.coverage.domain;

/** Plan levels of 000: 青铜 / 白银 / 黄金 / 铂金. */
public enum PlanLevel {
    BRONZE,
    SILVER,
    GOLD,
    PLATINUM
}
