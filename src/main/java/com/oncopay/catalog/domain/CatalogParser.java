package com.oncopay.catalog.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code drugs.tsv}. Every defect is collected with its file, line and
 * field; if there is any, the whole file is rejected ({@link CatalogFormatException}) and
 * nothing is loaded. A declared tier that disagrees with {@link Formulary} is a defect.
 */
public final class CatalogParser {
    public static final List<String> HEADER = List.of(
            "listNo",
            "brandName",
            "genericName",
            "manufacturer",
            "moleculeKey",
            "englishGeneric",
            "originator",
            "tier",
            "nrdl",
            "nrdlListYear",
            "coldChain",
            "form",
            "maxDaysSupply",
            "indicationRule",
            "fulfilment",
            "aidProgram");
    private static final Pattern MOLECULE = Pattern.compile("[a-z0-9_]+");
    private static final Pattern RULE = Pattern.compile("(BIOMARKER:[A-Z0-9_]+|CART_[A-Z0-9_]+)");
    private static final Pattern PROGRAMME = Pattern.compile("[A-Z0-9_-]{2,40}");

    private CatalogParser() {}

    /** A parsed catalog: its entries, the date it applies from and a hash of its content. */
    public record Snapshot(LocalDate effectiveFrom, List<CatalogEntry> entries, String contentHash) {}

    public static Snapshot parse(String file, String text, LocalDate effectiveFrom, Set<String> knownRules) {
        List<CatalogProblem> problems = new ArrayList<>();
        Tsv.Table table = Tsv.read(file, text, HEADER, problems);
        List<CatalogEntry> entries = new ArrayList<>();
        Map<Integer, Integer> lineOf = new java.util.HashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (Tsv.Row row : table.rows()) {
            Fields f = new Fields(file, row, problems);
            int listNo = f.integer("listNo", 1, 9999);
            if (listNo > 0 && !seen.add(listNo)) f.problem("listNo", "duplicate list number " + listNo);
            String molecule = f.text("moleculeKey", true);
            if (molecule != null && !MOLECULE.matcher(molecule).matches())
                f.problem("moleculeKey", "must be lowercase [a-z0-9_]");
            boolean nrdl = f.bool("nrdl");
            String yearText = f.raw("nrdlListYear");
            Integer nrdlYear = null;
            if (nrdl) {
                nrdlYear = f.integer("nrdlListYear", 2000, 2100);
            } else if (!yearText.isEmpty()) {
                f.problem("nrdlListYear", "must be empty when nrdl is false");
            }
            String rule = f.text("indicationRule", false);
            if (rule != null
                    && (!RULE.matcher(rule).matches() || (rule.startsWith("CART_") && !knownRules.contains(rule)))) {
                f.problem("indicationRule", "unknown indication rule '" + rule + "'");
            }
            String aid = f.text("aidProgram", false);
            if (aid != null && !PROGRAMME.matcher(aid).matches())
                f.problem("aidProgram", "must be a programme code [A-Z0-9_-]");
            CatalogEntry e = new CatalogEntry(
                    listNo,
                    f.text("brandName", true),
                    f.text("genericName", true),
                    f.text("manufacturer", true),
                    molecule,
                    f.text("englishGeneric", true),
                    f.bool("originator"),
                    f.integer("tier", 1, 3),
                    nrdl,
                    nrdlYear,
                    f.bool("coldChain"),
                    f.enumValue("form", DrugForm.class),
                    f.integer("maxDaysSupply", 1, 365),
                    rule,
                    f.enumValue("fulfilment", FulfilmentRestriction.class),
                    aid);
            entries.add(e);
            lineOf.put(listNo, row.line());
        }
        if (problems.isEmpty()) {
            Map<Integer, Integer> derived = Formulary.deriveTiers(entries);
            for (CatalogEntry e : entries) {
                int expected = derived.get(e.listNo());
                if (e.tier() != expected) {
                    problems.add(new CatalogProblem(
                            file,
                            lineOf.get(e.listNo()),
                            "tier",
                            "tier " + e.tier() + " contradicts the formulary rule, which gives " + expected));
                }
            }
        }
        if (entries.isEmpty() && problems.isEmpty()) problems.add(new CatalogProblem(file, 1, null, "no entries"));
        if (!problems.isEmpty()) throw new CatalogFormatException(problems);
        entries.sort(java.util.Comparator.comparingInt(CatalogEntry::listNo));
        return new Snapshot(effectiveFrom, List.copyOf(entries), contentHash(entries));
    }

    public static LocalDate effectiveDate(String file, String value) {
        try {
            LocalDate d = LocalDate.parse(value == null ? "" : value.strip());
            if (d.getYear() < 2000 || d.getYear() > 2100) throw new DateTimeParseException("out of range", value, 0);
            return d;
        } catch (DateTimeParseException e) {
            throw new CatalogFormatException(List.of(
                    new CatalogProblem(file, 1, "effectiveFrom", "must be a date YYYY-MM-DD, got '" + value + "'")));
        }
    }

    /** Hash of the content that matters for coverage (the entries), independent of formatting. */
    static String contentHash(List<CatalogEntry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            entries.stream()
                    .sorted(java.util.Comparator.comparingInt(CatalogEntry::listNo))
                    .forEach(e -> sha.update((e.toString() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Typed access to one row's fields, recording a located problem for each bad value. */
    static final class Fields {
        private final String file;
        private final Tsv.Row row;
        private final List<CatalogProblem> problems;

        Fields(String file, Tsv.Row row, List<CatalogProblem> problems) {
            this.file = file;
            this.row = row;
            this.problems = problems;
        }

        String raw(String name) {
            return row.fields()[HEADER.indexOf(name)];
        }

        void problem(String field, String message) {
            problems.add(new CatalogProblem(file, row.line(), field, message));
        }

        String text(String name, boolean required) {
            String v = raw(name);
            if (v.isEmpty()) {
                if (required) problem(name, "required");
                return null;
            }
            // found by fuzzing (#21): a NUL or other control character was accepted, and PostgreSQL's text
            // cannot hold a NUL, so the upload failed with a 500 instead of naming the field
            if (v.chars().anyMatch(Character::isISOControl)) {
                problem(name, "must not contain control characters");
                return null;
            }
            return v;
        }

        int integer(String name, int min, int max) {
            String v = raw(name);
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    problem(name, "must be between " + min + " and " + max + ", got " + n);
                    return -1;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(name, "must be an integer, got '" + v + "'");
                return -1;
            }
        }

        boolean bool(String name) {
            String v = raw(name);
            if (v.equals("true")) return true;
            if (!v.equals("false")) problem(name, "must be true or false, got '" + v + "'");
            return false;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            String v = raw(name);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                problem(
                        name,
                        "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
                return null;
            }
        }
    }
}
