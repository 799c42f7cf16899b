package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The live OpenAPI document, as a partner developer gets it (#23): it parses and validates; every operation has a
 * Chinese and English summary and description, a stable unique operationId, an example, and at least one 4xx; every
 * error is the shared Problem with its codes listed, one example per code, each code with a Chinese and an English
 * message; money answers have real schemas; the statuses are the ones the code answers; and the stored copy
 * (docs/openapi.yaml, the generated client's input) is the live document. {@code -Dopenapi.write=true} rewrites it.
 */
@QuarkusTest
public class OpenApiDocumentTest {
    public static final Path STORED = Path.of("docs", "openapi.yaml");
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{3,}");
    static final String PROBLEM = "#/components/schemas/Problem";

    public static String live() {
        return given().when().get("/q/openapi").then().statusCode(200).extract().asString();
    }

    static OpenAPI parsed(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        var result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertTrue(
                result.getMessages() == null || result.getMessages().isEmpty(),
                () -> "the document does not validate: " + result.getMessages());
        return result.getOpenAPI();
    }

    @Test
    void stored_copy_is_the_live_document() throws Exception {
        String live = live();
        if (Boolean.getBoolean("openapi.write")) Files.writeString(STORED, live, StandardCharsets.UTF_8);
        assertEquals(
                live,
                Files.readString(STORED, StandardCharsets.UTF_8),
                "docs/openapi.yaml differs from /q/openapi: run this test with -Dopenapi.write=true and commit it");
    }

    @Test
    void every_operation_is_documented_in_both_languages_with_examples_and_its_errors() {
        OpenAPI api = parsed(live());
        ResourceBundle zh = ResourceBundle.getBundle("i18n.messages", Locale.SIMPLIFIED_CHINESE);
        ResourceBundle en = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            for (var entry : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                Operation op = entry.getValue();
                String where = entry.getKey() + " " + path.getKey() + ": ";
                if (op.getOperationId() == null || !ids.add(op.getOperationId())) wrong.add(where + "operationId");
                if (!bilingual(op.getSummary())) wrong.add(where + "summary not Chinese and English");
                if (!bilingual(op.getDescription())) wrong.add(where + "description not Chinese and English");
                if (!hasExample(op)) wrong.add(where + "no request or response example");
                boolean any4xx = false;
                for (var r : op.getResponses().entrySet()) {
                    String status = r.getKey();
                    ApiResponse response = r.getValue();
                    if (status.startsWith("2")) {
                        for (var m : media(response).entrySet())
                            if (m.getKey().contains("json") && empty(m.getValue()))
                                wrong.add(where + status + " has no schema");
                        continue;
                    }
                    any4xx |= status.startsWith("4");
                    MediaType problem = media(response).get("application/problem+json");
                    if (problem == null
                            || problem.getSchema() == null
                            || !PROBLEM.equals(problem.getSchema().get$ref())) {
                        wrong.add(where + status + " is not a Problem");
                        continue;
                    }
                    for (var example : problem.getExamples().entrySet()) {
                        String code = example.getKey();
                        Object example_ = example.getValue().getValue();
                        Object value = example_ instanceof com.fasterxml.jackson.databind.JsonNode n
                                ? n.path("code").asText()
                                : ((Map<?, ?>) example_).get("code");
                        if (!code.equals(value)) wrong.add(where + status + " example " + code + " has code " + value);
                        if (!response.getDescription().contains(code))
                            wrong.add(where + status + " does not list " + code);
                        if (!zh.containsKey(code) || !en.containsKey(code))
                            wrong.add(where + status + " " + code + " has no Chinese or English message");
                    }
                }
                if (!any4xx) wrong.add(where + "no 4xx");
            }
        }
        assertTrue(operations >= 70, "operations: " + operations);
        if (!wrong.isEmpty()) fail(wrong.size() + " problems:\n" + String.join("\n", wrong));
    }

    @Test
    void statuses_are_the_ones_the_code_answers_and_shared_parts_are_referenced() {
        OpenAPI api = parsed(live());
        var paths = api.getPaths();
        for (String created : List.of(
                "/api/v1/prescriptions/{id}/fulfilment",
                "/api/v1/products",
                "/api/v1/hospitals",
                "/api/v1/policies",
                "/api/v1/members/{memberId}/diagnoses",
                "/api/v1/aid-cases",
                "/api/v1/prescriptions")) {
            var responses = paths.get(created).getPost().getResponses();
            assertTrue(
                    responses.containsKey("201") && !responses.containsKey("200"), created + ": " + responses.keySet());
        }
        var pharmacies = paths.get("/api/v1/pharmacies").getPost().getResponses();
        assertTrue(pharmacies.containsKey("201") && !pharmacies.containsKey("200"), "POST /pharmacies");
        var cancel = paths.get("/api/v1/fulfilments/{id}/cancel").getPost().getResponses();
        assertTrue(cancel.containsKey("204") && !cancel.containsKey("201"), "cancel: " + cancel.keySet());
        var redeem = paths.get("/api/v1/pharmacy/redemptions").getPost();
        assertEquals(
                "#/components/schemas/Redemption",
                redeem.getResponses()
                        .get("200")
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .get$ref());
        assertTrue(
                redeem.getParameters().stream()
                        .anyMatch(p -> "#/components/parameters/IdempotencyKey".equals(p.get$ref())),
                "redeem references the shared Idempotency-Key");
        assertEquals(
                "#/components/headers/RetryAfter",
                redeem.getResponses().get("429").getHeaders().get("Retry-After").get$ref());
        assertEquals(
                "bearer", api.getComponents().getSecuritySchemes().get("bearer").getScheme());
        assertTrue(api.getSecurity().get(0).containsKey("bearer"), "global security");
        assertTrue(api.getInfo().getLicense() != null && api.getInfo().getContact() != null);
        api.getTags().forEach(t -> assertTrue(bilingual(t.getDescription()), t.getName()));
    }

    static boolean bilingual(String text) {
        return text != null
                && CHINESE.matcher(text).find()
                && ENGLISH.matcher(text).find()
                && (text.contains(" / ") || text.contains("\n\n"));
    }

    static boolean hasExample(Operation op) {
        boolean request = op.getRequestBody() != null
                && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().values().stream().anyMatch(m -> m.getExample() != null);
        boolean response = op.getResponses().entrySet().stream()
                .filter(r -> r.getKey().startsWith("2"))
                .flatMap(r -> media(r.getValue()).values().stream())
                .anyMatch(m -> m.getExample() != null);
        // an action without a body that answers 204 has nothing to show but its problems' examples
        boolean nothingToShow = op.getRequestBody() == null
                && op.getResponses().entrySet().stream()
                        .filter(r -> r.getKey().startsWith("2"))
                        .allMatch(r -> media(r.getValue()).isEmpty());
        return request || response || nothingToShow;
    }

    static Map<String, MediaType> media(ApiResponse response) {
        return response.getContent() == null ? Map.of() : response.getContent();
    }

    static boolean empty(MediaType m) {
        var s = m.getSchema();
        return s == null
                || (s.get$ref() == null
                        && s.getType() == null
                        && (s.getTypes() == null || s.getTypes().isEmpty())
                        && s.getOneOf() == null
                        && s.getAnyOf() == null
                        && s.getAllOf() == null);
    }
}
