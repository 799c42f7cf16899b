package com.oncopay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The engine under test through plain JDK HTTP, on the test port ({@code quarkus.http.test-port}). It
 * works from any class loader: Jazzer runs a fuzz target on JUnit's instance of the test class, not on
 * Quarkus's, where RestAssured's port is not set.
 */
public final class EngineHttp {
    public static final String BASE = "http://localhost:" + Integer.getInteger("quarkus.http.test-port", 8081);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineHttp() {}

    /** A status and its body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** POSTs {@code body} as {@code application/json} with the bearer token and headers given. */
    public static Answer post(String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept-Language", "zh")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer post(String path, String token, String json) {
        return post(path, token, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** POSTs and insists on {@code expected}, answering the JSON body. */
    public static JsonNode expect(int expected, String path, String token, String json) {
        Answer a = post(path, token, json);
        if (a.status() != expected)
            throw new IllegalStateException("POST " + path + ": " + a.status() + " " + a.body());
        return a.json();
    }

    /** A token from the engine's dev sign-in (enabled in the test profile, loopback callers only). */
    public static String token(String role, String subject) {
        return expect(200, "/api/v1/dev/token", null, "{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\"}")
                .get("token")
                .asText();
    }
}
