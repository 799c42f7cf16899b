package com.oncopay.assistance.domain;

/**
 * What charity assistance means for one direct-pay fill (004 lines 2995-3025):
 * donated packs never reduce the sum insured; a member eligible for a programme who did not
 * apply, or was refused for incomplete materials, bears the packs the programme would have
 * donated (insurer share 0, reason {@code AID_NOT_APPLIED}); forfeited packs are likewise the
 * member's; a member refused by the foundation for other reasons goes through normal direct pay.
 */
public final class AidRule {
    public static final String AID_NOT_APPLIED = "AID_NOT_APPLIED";
    public static final String AID_FORFEITED = "AID_FORFEITED";

    public enum Kind {
        NONE,
        DONATED,
        MEMBER_COST
    }

    /** How many of a fill's packs aid affects, and how. */
    public record Effect(Kind kind, int packs, String reason) {
        public static final Effect NONE = new Effect(Kind.NONE, 0, null);
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

    public static Effect effect(AidProgramme programme, boolean mainlandCitizen, int fill, int packs, CaseState state) {
        if (programme == null || !mainlandCitizen || !programme.donates(fill)) return Effect.NONE;
        int affected = Math.min(packs, programme.packsPerDonatedCycle());
        return switch (state) {
            case GRANTED -> new Effect(Kind.DONATED, affected, null);
            case REFUSED_OTHER -> Effect.NONE;
            case FORFEITED -> new Effect(Kind.MEMBER_COST, affected, AID_FORFEITED);
            case NO_CASE, OPEN, REFUSED_INCOMPLETE, WITHDRAWN ->
                new Effect(Kind.MEMBER_COST, affected, AID_NOT_APPLIED);
        };
    }
}
