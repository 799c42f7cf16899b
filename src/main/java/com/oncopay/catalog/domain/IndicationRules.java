package com.oncopay.catalog.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Indication restrictions as data ({@code indication-rules.tsv}, {@code therapy-classes.tsv})
 * evaluated by plain Java. A rule is one or more pathways; it is met when any pathway is met,
 * not met when every pathway fails, and needs review when no pathway is met but some could
 * be with the missing facts. {@code BIOMARKER:X} rules need marker X tested positive.
 */
public final class IndicationRules {
    public static final List<String> RULE_HEADER = List.of(
            "rule",
            "pathway",
            "minAge",
            "diagnosisIcd10",
            "minPriorLines",
            "maxPriorLines",
            "diseaseStatus",
            "relapseWithinMonths",
            "requiredPriorClasses",
            "source");
    public static final List<String> CLASS_HEADER = List.of("term", "class");

    /** How the disease must stand for a pathway. */
    public enum StatusRequirement {
        ANY,
        RELAPSED_OR_REFRACTORY,
        REFRACTORY_OR_RELAPSE_WITHIN
    }

    public record Pathway(
            String rule,
            String name,
            Integer minAge,
            List<String> diagnosisIcd10,
            Integer minPriorLines,
            Integer maxPriorLines,
            StatusRequirement status,
            Integer relapseWithinMonths,
            List<String> requiredPriorClasses,
            String source) {}

    private final Map<String, List<Pathway>> rules;
    private final Map<String, String> therapyClasses;

    public IndicationRules(Map<String, List<Pathway>> rules, Map<String, String> therapyClasses) {
        this.rules = Map.copyOf(rules);
        this.therapyClasses = Map.copyOf(therapyClasses);
    }

    public Set<String> ruleCodes() {
        return rules.keySet();
    }

    public List<Pathway> pathways(String rule) {
        return rules.getOrDefault(rule, List.of());
    }

    public static IndicationRules parse(String rulesFile, String rulesText, String classesFile, String classesText) {
        List<CatalogProblem> problems = new ArrayList<>();
        Map<String, List<Pathway>> rules = new LinkedHashMap<>();
        Tsv.Table table = Tsv.read(rulesFile, rulesText, RULE_HEADER, problems);
        for (Tsv.Row row : table.rows()) {
            String[] f = row.fields();
            try {
                Pathway p = new Pathway(
                        f[0],
                        f[1],
                        optInt(f[2]),
                        list(f[3]),
                        optInt(f[4]),
                        optInt(f[5]),
                        f[6].isEmpty() ? StatusRequirement.ANY : StatusRequirement.valueOf(f[6]),
                        optInt(f[7]),
                        list(f[8]),
                        f[9]);
                if (!p.rule().startsWith("CART_"))
                    throw new IllegalArgumentException("rule codes in this file start with CART_");
                if (p.status() == StatusRequirement.REFRACTORY_OR_RELAPSE_WITHIN && p.relapseWithinMonths() == null) {
                    throw new IllegalArgumentException(
                            "relapseWithinMonths is required for REFRACTORY_OR_RELAPSE_WITHIN");
                }
                rules.computeIfAbsent(p.rule(), k -> new ArrayList<>()).add(p);
            } catch (IllegalArgumentException e) {
                problems.add(new CatalogProblem(rulesFile, row.line(), null, e.getMessage()));
            }
        }
        Map<String, String> classes = new LinkedHashMap<>();
        for (Tsv.Row row :
                Tsv.read(classesFile, classesText, CLASS_HEADER, problems).rows()) {
            classes.put(row.fields()[0].toLowerCase(Locale.ROOT), row.fields()[1]);
        }
        if (!problems.isEmpty()) throw new CatalogFormatException(problems);
        return new IndicationRules(rules, classes);
    }

    /** Evaluates the rule named by a catalog entry (null or empty: no restriction). */
    public IndicationResult evaluate(String rule, ClinicalFacts facts) {
        if (rule == null || rule.isEmpty()) return IndicationResult.NO_RESTRICTION;
        facts = facts == null ? ClinicalFacts.NONE : facts;
        if (rule.startsWith("BIOMARKER:")) return biomarker(rule.substring("BIOMARKER:".length()), facts);
        List<Pathway> pathways = rules.get(rule);
        if (pathways == null) throw new IllegalArgumentException("unknown indication rule " + rule);
        Set<String> reasons = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        boolean anyUnknown = false;
        for (Pathway p : pathways) {
            Check c = new Check();
            evaluate(p, facts, c);
            if (c.failed.isEmpty() && c.missing.isEmpty()) return IndicationResult.NO_RESTRICTION;
            if (c.failed.isEmpty()) {
                anyUnknown = true;
                missing.addAll(c.missing);
            } else {
                reasons.addAll(c.failed);
            }
        }
        if (anyUnknown)
            return new IndicationResult(IndicationResult.Status.NEEDS_REVIEW, List.of(), new ArrayList<>(missing));
        return new IndicationResult(IndicationResult.Status.NOT_MET, new ArrayList<>(reasons), List.of());
    }

    private static final class Check {
        final List<String> failed = new ArrayList<>();
        final List<String> missing = new ArrayList<>();

        void require(Object fact, String name, boolean holds, String reason) {
            if (fact == null) missing.add(name);
            else if (!holds) failed.add(reason);
        }
    }

    private void evaluate(Pathway p, ClinicalFacts f, Check c) {
        if (p.minAge() != null) {
            c.require(
                    f.ageYears(), "ageYears", f.ageYears() != null && f.ageYears() >= p.minAge(), "AGE_BELOW_MINIMUM");
        }
        if (!p.diagnosisIcd10().isEmpty()) {
            c.require(
                    f.diagnosisIcd10(),
                    "diagnosisIcd10",
                    f.diagnosisIcd10() != null && icdMatches(p.diagnosisIcd10(), f.diagnosisIcd10()),
                    "DIAGNOSIS_NOT_INDICATED");
        }
        if (p.minPriorLines() != null) {
            c.require(
                    f.priorLines(),
                    "priorLines",
                    f.priorLines() != null && f.priorLines() >= p.minPriorLines(),
                    "TOO_FEW_PRIOR_LINES");
        }
        if (p.maxPriorLines() != null) {
            c.require(
                    f.priorLines(),
                    "priorLines",
                    f.priorLines() != null && f.priorLines() <= p.maxPriorLines(),
                    "TOO_MANY_PRIOR_LINES");
        }
        String status = f.diseaseStatus() == null ? null : f.diseaseStatus().toUpperCase(Locale.ROOT);
        switch (p.status()) {
            case ANY -> {}
            case RELAPSED_OR_REFRACTORY ->
                c.require(
                        status,
                        "diseaseStatus",
                        "RELAPSED".equals(status) || "REFRACTORY".equals(status),
                        "NOT_RELAPSED_OR_REFRACTORY");
            case REFRACTORY_OR_RELAPSE_WITHIN -> {
                if (status == null) c.missing.add("diseaseStatus");
                else if ("RELAPSED".equals(status)) {
                    c.require(
                            f.monthsToRelapse(),
                            "monthsToRelapse",
                            f.monthsToRelapse() != null && f.monthsToRelapse() <= p.relapseWithinMonths(),
                            "RELAPSE_OUTSIDE_WINDOW");
                } else if (!"REFRACTORY".equals(status)) {
                    c.failed.add("NOT_RELAPSED_OR_REFRACTORY");
                }
            }
        }
        if (!p.requiredPriorClasses().isEmpty()) {
            Set<String> had = f.priorTherapies() == null ? null : classesOf(f.priorTherapies());
            for (String required : p.requiredPriorClasses()) {
                c.require(
                        had, "priorTherapies", had != null && had.contains(required), "PRIOR_" + required + "_MISSING");
            }
        }
    }

    private IndicationResult biomarker(String marker, ClinicalFacts f) {
        String value = null;
        if (f.biomarkers() != null) {
            for (Map.Entry<String, String> e : f.biomarkers().entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(marker)) value = e.getValue();
            }
        }
        if (value == null || value.isBlank()) {
            return new IndicationResult(
                    IndicationResult.Status.NEEDS_REVIEW, List.of(), List.of("biomarkers." + marker));
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("NEGATIVE") || v.equals("WILD_TYPE") || v.equals("WT") || v.equals("阴性")) {
            return new IndicationResult(
                    IndicationResult.Status.NOT_MET, List.of("BIOMARKER_" + marker + "_NEGATIVE"), List.of());
        }
        return IndicationResult.NO_RESTRICTION;
    }

    private Set<String> classesOf(List<String> therapies) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : therapies) {
            if (t == null) continue;
            String key = t.strip().toLowerCase(Locale.ROOT);
            out.add(therapyClasses.getOrDefault(key, t.strip().toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    /** C83.3 matches C83.3 and its sub-codes (C83.30); a listed C90 matches C90.0. */
    static boolean icdMatches(List<String> listed, String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        for (String l : listed) {
            if (c.equals(l) || c.startsWith(l.contains(".") ? l : l + ".")) return true;
        }
        return false;
    }

    private static Integer optInt(String s) {
        if (s.isEmpty()) return null;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + s + "'");
        }
    }

    private static List<String> list(String s) {
        return s.isEmpty()
                ? List.of()
                : Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList();
    }
}
