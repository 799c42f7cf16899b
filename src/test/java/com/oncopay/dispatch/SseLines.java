package com.oncopay.dispatch;

import com.oncopay.support.TestTokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A pharmacy's SSE stream read line by line into the queue of the event ids it delivers. */
final class SseLines implements AutoCloseable {
    private final BlockingQueue<Long> ids = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> body;

    SseLines(URL base, String pharmacy, long lastEventId) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base.toString() + "api/v1/pharmacies/" + pharmacy + "/dispatch-events"))
                .header("Authorization", TestTokens.bearer(TestTokens.pharmacy(pharmacy)))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(lastEventId))
                .build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            body = r.body();
            body.forEach(line -> {
                if (line.startsWith("id:"))
                    ids.add(Long.parseLong(line.substring(3).strip()));
            });
        });
    }

    /** Up to {@code n} ids, waiting at most {@code timeout} in all. */
    List<Long> take(int n, Duration timeout) throws InterruptedException {
        List<Long> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < n) {
            Long id = ids.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (id == null) break;
            got.add(id);
        }
        return got;
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> b = body;
        if (b != null) b.close();
    }
}
