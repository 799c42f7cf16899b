package com.oncopay.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the annotations would repeat on every operation, read from {@code openapi/operations.json}: per operationId
 * ({@code Class_method}) a Chinese and English summary and description, the error codes of the operation by status
 * (the ones every operation shares are added by {@link OpenApiDocs}), and request and response examples.
 */
record OperationDocs(Map<String, Doc> byOperationId) {
    static final String RESOURCE = "openapi/operations.json";

    /** One operation's documentation. Examples are plain JSON values (maps, lists, strings, numbers). */
    record Doc(
            String summary,
            String description,
            Map<String, List<String>> errors,
            Object request,
            Object response,
            boolean database) {}

    static OperationDocs load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing");
            JsonNode root = json.readTree(in);
            Map<String, Doc> docs = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> docs.put(e.getKey(), doc(json, e.getValue())));
            return new OperationDocs(docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Doc doc(ObjectMapper json, JsonNode n) {
        Map<String, List<String>> errors = new TreeMap<>();
        if (n.has("errors"))
            n.get("errors")
                    .fields()
                    .forEachRemaining(e -> errors.put(e.getKey(), json.convertValue(e.getValue(), List.class)));
        return new Doc(
                n.path("summary").asText(null),
                n.path("description").asText(null),
                errors,
                n.has("request") ? json.convertValue(n.get("request"), Object.class) : null,
                n.has("response") ? json.convertValue(n.get("response"), Object.class) : null,
                n.path("database").asBoolean(true));
    }

    Doc of(String operationId) {
        return byOperationId.get(operationId);
    }
}
