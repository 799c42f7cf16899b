package com.oncopay.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engines' HTTP API as a counter, an app or an admin would call it: JSON in and out, a bearer token, an
 * optional Idempotency-Key. With several base URLs, {@link #next()} goes round-robin over them.
 */
final class ScenarioApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "fault-http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    /** An answer: its status, its JSON body (NullNode when none), the replay header, and how long it took. */
    record Answer(int status, JsonNode body, boolean replayed, long millis, String base) {
        String code() {
            return body.path("code").asText("");
        }

        /** What a failed exchange (connection refused or reset: the engine died) is recorded as. */
        static Answer failed(Throwable e, long millis, String base) {
            return new Answer(-1, JSON.getNodeFactory().textNode(String.valueOf(e)), false, millis, base);
        }
    }

    private final List<String> bases;
    private final AtomicInteger turn = new AtomicInteger();

    ScenarioApi(String... bases) {
        this.bases = List.of(bases);
    }

    String next() {
        return bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
    }

    List<String> bases() {
        return bases;
    }

    static CompletableFuture<Answer> sendAsync(
            String base, String method, String path, String token, String key, String body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (key != null) b.header("Idempotency-Key", key);
        if (body != null)
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        long t0 = System.nanoTime();
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (e != null) return Answer.failed(e, ms, base);
            return new Answer(
                    r.statusCode(),
                    parse(r.body()),
                    "true".equals(r.headers().firstValue("Idempotent-Replayed").orElse(null)),
                    ms,
                    base);
        });
    }

    static Answer send(String base, String method, String path, String token, String key, String body) {
        try {
            return sendAsync(base, method, path, token, key, body, Duration.ofSeconds(60))
                    .join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static Answer post(String base, String path, String token, String key, String body) {
        return send(base, "POST", path, token, key, body);
    }

    static Answer get(String base, String path, String token) {
        return send(base, "GET", path, token, null, null);
    }

    /** The answer, which must have {@code status}; otherwise fails with what came back. */
    static JsonNode expect(int status, Answer a, String what) {
        if (a.status() != status)
            throw new AssertionError(what + ": expected " + status + " but got " + a.status() + " " + a.body());
        return a.body();
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return NullNode.getInstance();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
