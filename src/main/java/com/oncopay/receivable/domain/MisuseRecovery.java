package com.oncopay.receivable.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a misuse flag recovers (seed 004: 本公司有权立即拒绝提供本服务并保留追偿的权利): the
 * insurer's share of every direct-pay dispense of the member (of the flagged prescription only,
 * when the flag names one) that is not reversed and not already recovered; one receivable per
 * policy, due a configured number of days after the business day it is opened.
 */
public final class MisuseRecovery {
    private MisuseRecovery() {}

    /** A dispense that may be recovered: its policy and the insurer's share it paid. */
    public record Dispensed(UUID dispenseId, String policyNumber, long insurerPaidFen) {}

    /** One receivable to open: its policy, the total and the dispenses it recovers. */
    public record Claim(String policyNumber, long amountFen, List<Dispensed> items) {}

    /** The receivables to open, one per policy in first-seen order; dispenses the insurer paid nothing for are left out. */
    public static List<Claim> claims(List<Dispensed> dispensed) {
        Map<String, List<Dispensed>> byPolicy = new LinkedHashMap<>();
        for (Dispensed d : dispensed) {
            if (d.insurerPaidFen() <= 0) continue;
            byPolicy.computeIfAbsent(d.policyNumber(), k -> new ArrayList<>()).add(d);
        }
        List<Claim> out = new ArrayList<>();
        byPolicy.forEach((policy, items) -> out.add(new Claim(
                policy,
                items.stream().mapToLong(Dispensed::insurerPaidFen).reduce(0L, Math::addExact),
                List.copyOf(items))));
        return out;
    }

    public static LocalDate dueOn(LocalDate openedOn, int dueDays) {
        if (dueDays < 1) throw new IllegalArgumentException("a receivable is due at least one day after it opens");
        return openedOn.plusDays(dueDays);
    }
}
