package com.oncopay.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One pharmacy's SSE dispatch stream ({@code GET /api/v1/pharmacies/{code}/dispatch-events?after=<position>}),
 * read on a thread of its own: the id (stream position) of every event and when it arrived, its comment lines,
 * and when it opened and ended. It does not reconnect: a stream that breaks is a failure of the scenario
 * ({@link #errors()}), unless the scenario ends it on purpose (a graceful shutdown).
 */
final class DispatchStreamReader implements AutoCloseable {
    final String pharmacy;
    private final List<long[]> received = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile long openedAtMs, endedAtMs;
    private final Thread thread;
    private volatile Stream<String> lines;
    private volatile boolean closed;

    DispatchStreamReader(String base, String pharmacy, long after) {
        this.pharmacy = pharmacy;
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/pharmacies/" + pharmacy + "/dispatch-events?after=" + after))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + FaultApi.pharmacy(pharmacy))
                .build();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        thread = FaultSupport.client(() -> read(http, request));
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                error("status " + response.statusCode());
                return;
            }
            openedAtMs = System.currentTimeMillis();
            lines = response.body();
            if (closed) lines.close();
            String[] id = {null};
            lines.forEach(line -> {
                if (line.startsWith(":")) comments.add(line);
                else if (line.startsWith("id:")) id[0] = line.substring(3).strip();
                else if (line.isEmpty() && id[0] != null) {
                    synchronized (received) {
                        received.add(new long[] {Long.parseLong(id[0]), System.nanoTime()});
                    }
                    id[0] = null;
                }
            });
            if (!closed) error("the stream ended");
        } catch (Exception e) {
            if (!closed) error(e.toString());
        } finally {
            endedAtMs = System.currentTimeMillis();
        }
    }

    /** The comment lines the engine sent (keep-alives, the last word before a shutdown). */
    List<String> comments() {
        return List.copyOf(comments);
    }

    /** When the stream ended (epoch ms), 0 while it is open. */
    long endedAtMs() {
        return endedAtMs;
    }

    /** Waits (at most {@code ms}) until the stream has answered 200; false when it did not. */
    boolean awaitOpen(long ms) {
        return FaultSupport.awaitTrue(() -> openedAtMs > 0, ms);
    }

    /** Waits (at most {@code ms}) until the stream has ended; false when it did not. */
    boolean awaitEnd(long ms) {
        return FaultSupport.awaitTrue(() -> endedAtMs > 0, ms);
    }

    private void error(String what) {
        synchronized (errors) {
            errors.add(what);
        }
    }

    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** The ids of the events received, in the order they arrived. */
    List<Long> ids() {
        synchronized (received) {
            return received.stream().map(r -> r[0]).toList();
        }
    }

    /** How many events arrived between two {@link System#nanoTime()} instants. */
    int receivedBetween(long from, long to) {
        synchronized (received) {
            return (int)
                    received.stream().filter(r -> r[1] >= from && r[1] <= to).count();
        }
    }

    /** Waits (at most {@code seconds}) until the event at {@code position} has arrived. */
    void awaitUpTo(long position, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            synchronized (received) {
                if (received.stream().anyMatch(r -> r[0] >= position)) return;
            }
            FaultSupport.sleep(100);
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> l = lines;
        if (l != null) l.close();
        thread.interrupt();
    }
}
