package com.oncopay.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Adds to the generated OpenAPI document what is the same everywhere, once ({@link SharedComponents}: the
 * {@code Problem} schema, the bearer scheme and global security, the {@code Idempotency-Key},
 * {@code Accept-Language} and {@code Retry-After} components, servers, licence, contact, tag descriptions), and
 * to each operation what {@code openapi/operations.json} says of it ({@link OperationDocs}): its Chinese and
 * English summary and description, its examples, and every error it can answer, each a {@code Problem} with its
 * codes listed and one example per code. An operation missing from the file fails the OpenAPI document test.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class OpenApiDocs implements OASFilter {
    static final String JSON = "application/json";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        OperationDocs docs = OperationDocs.load();
        SharedComponents.addTo(api);
        if (api.getComponents().getSchemas() != null)
            api.getComponents().getSchemas().values().forEach(OpenApiDocs::portablePatterns);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) return;
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) continue;
            for (Operation op : item.getOperations().values()) document(op, docs.of(op.getOperationId()));
        }
    }

    /**
     * Bean Validation patterns are Java regular expressions; a JSON Schema pattern is ECMA-262, where Java's
     * {@code \p{Cntrl}} and {@code \p{IsHan}} do not exist: the same sets, written the portable way.
     */
    static void portablePatterns(Schema schema) {
        if (schema == null) return;
        if (schema.getPattern() != null)
            schema.setPattern(schema.getPattern()
                    .replace("\\p{Cntrl}", "\\x00-\\x1F\\x7F")
                    .replace("\\p{IsHan}", "\\p{Script=Han}"));
        if (schema.getProperties() != null) schema.getProperties().values().forEach(OpenApiDocs::portablePatterns);
        portablePatterns(schema.getItems());
        for (List<Schema> all : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()))
            if (all != null) all.forEach(OpenApiDocs::portablePatterns);
        if (schema.getAdditionalPropertiesSchema() != null) portablePatterns(schema.getAdditionalPropertiesSchema());
    }

    private static void document(Operation op, OperationDocs.Doc doc) {
        boolean secured = secured(op);
        // one security for all (global); a public operation says so: anonymous, or with a token for more
        op.setSecurity(secured ? null : List.of(OASFactory.createSecurityRequirement(), bearer()));
        boolean idempotent = useSharedParameters(op);
        boolean body = op.getRequestBody() != null;
        if (doc == null) return;
        op.setSummary(doc.summary());
        op.setDescription(doc.description());
        if (doc.request() != null && body && op.getRequestBody().getContent() != null)
            example(op.getRequestBody().getContent(), doc.request());
        APIResponse success = success(op);
        if (doc.response() != null && success != null && success.getContent() != null)
            example(success.getContent(), doc.response());
        Map<String, List<String>> errors = new TreeMap<>();
        if (body || hasParameters(op))
            errors.computeIfAbsent("400", s -> new ArrayList<>()).add("VALIDATION_FAILED");
        if (body) {
            errors.get("400").add("MALFORMED_JSON");
            add(errors, "413", "BODY_TOO_LARGE");
            add(errors, "415", "UNSUPPORTED_MEDIA_TYPE");
        }
        if (idempotent) {
            add(errors, "400", "INVALID_IDEMPOTENCY_KEY");
            add(errors, "409", "IDEMPOTENCY_IN_PROGRESS");
            add(errors, "422", "IDEMPOTENCY_KEY_REUSED");
        }
        if (secured) {
            add(errors, "401", "UNAUTHENTICATED");
            add(errors, "403", "FORBIDDEN");
        }
        doc.errors().forEach((status, codes) -> codes.forEach(c -> add(errors, status, c)));
        add(errors, "429", "RATE_LIMITED");
        add(errors, "500", "INTERNAL_ERROR");
        if (doc.database()) {
            add(errors, "503", "DATABASE_UNAVAILABLE");
            add(errors, "503", "ENGINE_BUSY");
        }
        List.copyOf(op.getResponses().getAPIResponses().keySet()).stream()
                .filter(k -> k.startsWith("4") || k.startsWith("5"))
                .forEach(op.getResponses()::removeAPIResponse);
        errors.forEach((status, codes) -> op.getResponses().addAPIResponse(status, Problems.response(status, codes)));
    }

    private static boolean secured(Operation op) {
        boolean required = op.getSecurity() != null && !op.getSecurity().isEmpty();
        var responses = op.getResponses() == null ? null : op.getResponses().getAPIResponses();
        return required || (responses != null && (responses.containsKey("401") || responses.containsKey("403")));
    }

    static SecurityRequirement bearer() {
        return OASFactory.createSecurityRequirement().addScheme(SharedComponents.BEARER);
    }

    /** Replaces the scanned Idempotency-Key header by the shared one and adds Accept-Language; true if idempotent. */
    private static boolean useSharedParameters(Operation op) {
        List<Parameter> params = op.getParameters() == null ? new ArrayList<>() : new ArrayList<>(op.getParameters());
        boolean idempotent = params.removeIf(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
        if (idempotent) params.add(OASFactory.createParameter().ref(SharedComponents.IDEMPOTENCY_KEY));
        params.add(OASFactory.createParameter().ref(SharedComponents.ACCEPT_LANGUAGE));
        op.setParameters(params);
        return idempotent;
    }

    /** True if the operation takes a query or header parameter of its own. */
    private static boolean hasParameters(Operation op) {
        // a bad query or header value is a 400; a bad path id names nothing (404)
        return op.getParameters().stream().anyMatch(p -> p.getRef() == null && p.getIn() != Parameter.In.PATH);
    }

    private static void add(Map<String, List<String>> errors, String status, String code) {
        List<String> codes = errors.computeIfAbsent(status, s -> new ArrayList<>());
        if (!codes.contains(code)) codes.add(code);
    }

    private static APIResponse success(Operation op) {
        if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) return null;
        return op.getResponses().getAPIResponses().entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static void example(Content content, Object value) {
        Map<String, MediaType> types =
                content.getMediaTypes() == null ? new LinkedHashMap<>() : content.getMediaTypes();
        types.forEach((type, m) -> {
            if (type.contains("json") || value instanceof String) m.setExample(value);
        });
    }
}
