package com.oncopay.catalog.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Minimal reader for the catalog's tab-separated files: UTF-8 text, a header line naming
 * the columns, one record per line, no quoting; blank lines and lines starting with
 * {@code #} are skipped. Problems are reported with file and line number.
 */
final class Tsv {
    record Row(int line, String[] fields) {}

    record Table(String file, List<String> header, List<Row> rows) {
        int column(String name) {
            return header.indexOf(name);
        }
    }

    private Tsv() {}

    static Table read(String file, String text, List<String> expectedHeader, List<CatalogProblem> problems) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (i == 0 && raw.startsWith("\uFEFF")) raw = raw.substring(1);
            if (raw.isBlank() || raw.startsWith("#")) continue;
            String[] fields = raw.split("\t", -1);
            if (header == null) {
                header = Arrays.asList(fields);
                if (!header.equals(expectedHeader)) {
                    problems.add(new CatalogProblem(
                            file, i + 1, null, "header must be: " + String.join("<TAB>", expectedHeader)));
                    return new Table(file, header, List.of());
                }
                continue;
            }
            if (fields.length != expectedHeader.size()) {
                problems.add(new CatalogProblem(
                        file,
                        i + 1,
                        null,
                        "expected " + expectedHeader.size() + " tab-separated fields, found " + fields.length));
                continue;
            }
            for (int f = 0; f < fields.length; f++) fields[f] = fields[f].strip();
            rows.add(new Row(i + 1, fields));
        }
        if (header == null) problems.add(new CatalogProblem(file, 1, null, "file is empty"));
        return new Table(file, header == null ? List.of() : header, rows);
    }
}
