package com.oncopay.platform.security;

/** The five roles of the contract, carried in the JWT claim {@code groups}. */
public final class Roles {
    public static final String MEMBER = "MEMBER";
    public static final String PHARMACY = "PHARMACY";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String REVIEWER = "REVIEWER";
    public static final String ADMIN = "ADMIN";

    /** Claims naming the caller's own object, per role. */
    public static final String MEMBER_ID_CLAIM = "member_id";

    public static final String PHARMACY_ID_CLAIM = "pharmacy_id";
    public static final String COORDINATOR_ID_CLAIM = "coordinator_id";

    private Roles() {}
}
