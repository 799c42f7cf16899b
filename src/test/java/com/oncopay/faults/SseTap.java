package com.oncopay.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A pharmacy's SSE dispatch stream as a counter screen reads it: from a position, event by event; when the
 * connection ends (its replica died) it reconnects, to the replica {@code failover} names, with Last-Event-ID.
 */
final class SseTap implements AutoCloseable {
    /** An event as received: its stream position and type, when it was written to the outbox and when it came. */
    record Received(long id, String event, long recordedAtMs, long receivedAtMs, String base) {
        long delayMs() {
            return receivedAtMs - recordedAtMs;
        }
    }

    final String pharmacy;
    final AtomicInteger reconnects = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private final UnaryOperator<String> failover;
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile long last;
    private volatile String base;

    SseTap(String pharmacy, String base, long after, UnaryOperator<String> failover) {
        this.pharmacy = pharmacy;
        this.base = base;
        this.last = after;
        this.failover = failover;
        this.reader = new Thread(this::run, "sse-" + pharmacy);
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        while (!closed) {
            try {
                HttpRequest req = HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/pharmacies/" + pharmacy + "/dispatch-events"))
                        .header("Accept", "text/event-stream")
                        .header(
                                "Authorization",
                                "Bearer " + ScenarioTokens.pharmacyAs(pharmacy, "fb-sse-" + UUID.randomUUID()))
                        .header("Last-Event-ID", Long.toString(last))
                        .build();
                HttpResponse<InputStream> r = ScenarioApi.HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
                current = r.body();
                if (r.statusCode() == 200) read(r.body());
                else r.body().close();
            } catch (IOException e) {
                // the replica went away: reconnect below
            } catch (InterruptedException e) {
                return;
            }
            if (closed) return;
            reconnects.incrementAndGet();
            base = failover.apply(base);
            EngineProcess.sleep(200);
        }
    }

    private void read(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String id = null, event = null, data = null, line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("id:")) id = line.substring(3).strip();
            else if (line.startsWith("event:")) event = line.substring(6).strip();
            else if (line.startsWith("data:")) data = line.substring(5).strip();
            else if (line.isEmpty()) {
                if (id != null) {
                    JsonNode d = ScenarioApi.parse(data);
                    long recorded = OffsetDateTime.parse(d.path("recordedAt").asText())
                            .toInstant()
                            .toEpochMilli();
                    synchronized (received) {
                        received.add(
                                new Received(Long.parseLong(id), event, recorded, System.currentTimeMillis(), base));
                    }
                    last = Long.parseLong(id);
                }
                id = event = data = null;
            }
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Long> ids() {
        return received().stream().map(Received::id).toList();
    }

    /** Waits until the stream has reached {@code seq}; false when it did not within {@code within}. */
    boolean awaitThrough(long seq, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (last < seq && System.nanoTime() < deadline) EngineProcess.sleep(50);
        return last >= seq;
    }

    @Override
    public void close() {
        closed = true;
        try {
            InputStream in = current;
            if (in != null) in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
