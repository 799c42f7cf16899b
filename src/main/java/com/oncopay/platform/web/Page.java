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

    /** One page of a list held whole in memory (a short list: reference data, a member's own rows). */
    public static <T> Page<T> slice(List<T> all, int[] params) {
        int page = params[0], size = params[1];
        long from = Math.min((long) page * size, all.size());
        int to = (int) Math.min(from + size, all.size());
        return new Page<>(List.copyOf(all.subList((int) from, to)), page, size, all.size());
    }
}
