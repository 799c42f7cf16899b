package com.oncopay.assistance.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A foundation's aid programme: for its drugs, the first {@code paidCycles} fills are paid
 * (direct pay), the next {@code donatedCycles} fills are donated, {@code packsPerDonatedCycle}
 * packs each, collected at one of the foundation's pharmacies.
 */
public record AidProgramme(
        String code,
        String name,
        String foundation,
        List<String> drugIds,
        int paidCycles,
        int donatedCycles,
        int packsPerDonatedCycle,
        int cycleDays,
        List<String> pharmacies,
        List<String> materials) {

    public static final List<String> HEADER = List.of(
            "programCode",
            "name",
            "foundation",
            "drugIds",
            "paidCycles",
            "donatedCycles",
            "packsPerDonatedCycle",
            "cycleDays",
            "pharmacies",
            "materials");

    /** Whether the n-th fill (1-based) of the drug falls in a donated cycle. */
    public boolean donates(int fill) {
        return fill > paidCycles && fill <= paidCycles + donatedCycles;
    }

    /** Whether the pharmacy (its code) is one of the foundation's designated pharmacies for this programme. */
    public boolean dispensesAt(String pharmacyCode) {
        return pharmacyCode != null && pharmacies.contains(pharmacyCode);
    }

    /** Parses {@code aid-programmes.tsv}; a bad line is reported with its number. */
    public static Map<String, AidProgramme> parse(String text) {
        Map<String, AidProgramme> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (!header) {
                if (!Arrays.asList(f).equals(HEADER))
                    throw new IllegalArgumentException(
                            "aid-programmes.tsv line " + (i + 1) + ": header must be " + HEADER);
                header = true;
                continue;
            }
            try {
                if (f.length != HEADER.size()) throw new IllegalArgumentException(HEADER.size() + " fields expected");
                AidProgramme p = new AidProgramme(
                        f[0].strip(),
                        f[1].strip(),
                        f[2].strip(),
                        list(f[3]),
                        Integer.parseInt(f[4].strip()),
                        Integer.parseInt(f[5].strip()),
                        Integer.parseInt(f[6].strip()),
                        Integer.parseInt(f[7].strip()),
                        list(f[8]),
                        list(f[9]));
                if (p.paidCycles() < 0 || p.donatedCycles() < 1 || p.packsPerDonatedCycle() < 1 || p.cycleDays() < 1) {
                    throw new IllegalArgumentException("cycles, packs and days must be positive");
                }
                if (p.pharmacies().isEmpty())
                    throw new IllegalArgumentException(
                            "pharmacies: the foundation's designated pharmacies are required");
                out.put(p.code(), p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("aid-programmes.tsv line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String x : s.split(",")) if (!x.isBlank()) out.add(x.strip());
        return List.copyOf(out);
    }
}
