package com.oncopay.assistance.domain;

/**
 * What charity assistance means for one direct-pay fill (004 lines 2995-3025):
 * donated packs never reduce the sum insured; a member eligible for a programme who did not
 * apply, or was refused for incomplete materials, bears the packs the programme would have
 * donated (insurer share 0, reason {@code AID_NOT_APPLIED}); forfeited packs are likewise the
 * member's; a member refused by the foundation for other reasons goes through normal direct pay.
 * Donated packs are collected at the foundation's designated pharmacies (004 line 3015,
 * 「至慈善基金会定点药房领取赠药」): a donated cycle filled at any other pharmacy is not donated; it is
 * paid as an ordinary insured fill, with the notice {@code AID_NOT_APPLIED} and the reason
 * {@code AID_PHARMACY_NOT_DESIGNATED}.
 */
public final class AidRule {
    public static final String AID_NOT_APPLIED = "AID_NOT_APPLIED";
    public static final String AID_FORFEITED = "AID_FORFEITED";
    public static final String AID_PHARMACY_NOT_DESIGNATED = "AID_PHARMACY_NOT_DESIGNATED";

    public enum Kind {
        NONE,
        DONATED,
        MEMBER_COST
    }

    /**
     * How many of a fill's packs aid affects, and how; {@code reason} the notice (e.g. AID_NOT_APPLIED) and
     * {@code detail} why, when the notice alone does not say it (null otherwise).
     */
    public record Effect(Kind kind, int packs, String reason, String detail) {
        public static final Effect NONE = new Effect(Kind.NONE, 0, null, null);

        public Effect(Kind kind, int packs, String reason) {
            this(kind, packs, reason, null);
        }

        /** The notice and its reason, in that order, without the absent ones. */
        public java.util.List<String> reasons() {
            if (reason == null) return java.util.List.of();
            return detail == null ? java.util.List.of(reason) : java.util.List.of(reason, detail);
        }
    }

    /** The member's case for the drug, as the money rule sees it. */
    public enum CaseState {
        NO_CASE,
        OPEN,
        GRANTED,
        REFUSED_INCOMPLETE,
        REFUSED_OTHER,
        FORFEITED,
        WITHDRAWN
    }

    private AidRule() {}

    /** An insured fill of a donated cycle away from the foundation's pharmacies: nothing donated, the notice and why. */
    public static final Effect NOT_AT_DESIGNATED_PHARMACY =
            new Effect(Kind.NONE, 0, AID_NOT_APPLIED, AID_PHARMACY_NOT_DESIGNATED);

    /**
     * The effect on the {@code fill}-th fill (1-based) of {@code packs} packs, dispensed at {@code pharmacy}
     * (its code).
     */
    public static Effect effect(
            AidProgramme programme, boolean mainlandCitizen, int fill, int packs, CaseState state, String pharmacy) {
        if (programme == null || !mainlandCitizen || !programme.donates(fill)) return Effect.NONE;
        int affected = Math.min(packs, programme.packsPerDonatedCycle());
        return switch (state) {
            case GRANTED ->
                programme.dispensesAt(pharmacy) ? new Effect(Kind.DONATED, affected, null) : NOT_AT_DESIGNATED_PHARMACY;
            case REFUSED_OTHER -> Effect.NONE;
            case FORFEITED -> new Effect(Kind.MEMBER_COST, affected, AID_FORFEITED);
            case NO_CASE, OPEN, REFUSED_INCOMPLETE, WITHDRAWN ->
                new Effect(Kind.MEMBER_COST, affected, AID_NOT_APPLIED);
        };
    }
}
