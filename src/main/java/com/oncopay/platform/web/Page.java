package com.oncopay.platform.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as every list of the API answers: {@code {items, page, size, total}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }

    /** Query parameters {@code page} (0-based) and {@code size} (1..200, default {@code defaultSize}). */
    public static int[] params(String page, String size, int defaultSize) {
        return new int[] {Params.integer("page", page, 0, 100_000, 0), Params.integer("size", size, 1, 200, defaultSize)
        };
    }
}
