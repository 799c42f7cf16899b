package com.oncopay.assistance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where a case stands: materials, the cycles a decision opens, collections, what comes next. */
public final class AidCaseProgress {
    /** The materials every case needs before it is submitted. */
    public static final List<String> KINDS = List.of("PERSONAL", "MEDICAL", "FINANCIAL");

    private AidCaseProgress() {}

    /** The dates of one donated cycle. */
    public record CycleDates(int cycle, LocalDate opensOn, LocalDate windowEndsOn) {}

    /** Cycle i (1-based) opens {@code cycleDays} after the one before; it may be collected for {@code windowDays}. */
    public static List<CycleDates> schedule(LocalDate start, int cycles, int cycleDays, int windowDays) {
        List<CycleDates> out = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            LocalDate opens = start.plusDays((long) i * cycleDays);
            out.add(new CycleDates(i + 1, opens, opens.plusDays(windowDays)));
        }
        return out;
    }

    public static boolean materialsComplete(long received) {
        return received >= KINDS.size();
    }

    /** A collection is recorded for a day within the cycle's window, and never for a day still to come. */
    public static boolean collectable(
            LocalDate collectedOn, LocalDate opensOn, LocalDate windowEndsOn, LocalDate today) {
        return !collectedOn.isBefore(opensOn) && !collectedOn.isAfter(windowEndsOn) && !collectedOn.isAfter(today);
    }

    /** After a collection: the case is completed when no cycle is left open. */
    public static AidCaseStatus afterCollection(long openLeft) {
        return openLeft == 0 ? AidCaseStatus.COMPLETED : AidCaseStatus.IN_PROGRESS;
    }

    /** After cycles were forfeited: a case with none left open ends, completed if anything was collected. */
    public static Optional<AidCaseStatus> afterForfeiture(long open, long collected) {
        if (open > 0) return Optional.empty();
        return Optional.of(collected > 0 ? AidCaseStatus.COMPLETED : AidCaseStatus.FORFEITED);
    }

    /** What the coordinator does next; {@code firstOpenCycle} is null when no cycle is open. */
    public static String nextAction(AidCaseStatus status, Set<String> receivedKinds, Integer firstOpenCycle) {
        return switch (status) {
            case DRAFT, PREPARING -> {
                List<String> missing =
                        KINDS.stream().filter(k -> !receivedKinds.contains(k)).toList();
                yield missing.isEmpty() ? "SUBMIT" : "COLLECT_MATERIALS:" + String.join(",", missing);
            }
            case SUBMITTED -> "AWAIT_DECISION";
            case APPROVED, IN_PROGRESS -> firstOpenCycle == null ? "NONE" : "COLLECT_CYCLE:" + firstOpenCycle;
            case REJECTED -> "DIRECT_PAY";
            case COMPLETED, FORFEITED, WITHDRAWN -> "NONE";
        };
    }

    /** The member's latest case as the money rule sees it. */
    public static AidRule.CaseState caseState(AidCaseStatus status, String refusalReason) {
        if (status == null) return AidRule.CaseState.NO_CASE;
        return switch (status) {
            case APPROVED, IN_PROGRESS, COMPLETED -> AidRule.CaseState.GRANTED;
            case REJECTED ->
                "INCOMPLETE_MATERIALS".equals(refusalReason)
                        ? AidRule.CaseState.REFUSED_INCOMPLETE
                        : AidRule.CaseState.REFUSED_OTHER;
            case FORFEITED -> AidRule.CaseState.FORFEITED;
            case WITHDRAWN -> AidRule.CaseState.WITHDRAWN;
            case DRAFT, PREPARING, SUBMITTED -> AidRule.CaseState.OPEN;
        };
    }
}
