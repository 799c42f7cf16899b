package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live OpenAPI document held against a tool no one here wrote (#23): Redocly CLI's recommended ruleset
 * (tools/openapi/redocly.yaml, the CLI pinned in tools/openapi/package-lock.json and installed by
 * scripts/openapi-up) reports no error and no warning.
 */
@QuarkusTest
class OpenApiLintTest {
    static final Path TOOLS = Path.of("tools", "openapi");
    static final Path CLI = TOOLS.resolve("node_modules/@redocly/cli/bin/cli.js");

    @Test
    void redocly_recommended_reports_no_error_and_no_warning() throws Exception {
        assertTrue(Files.isRegularFile(CLI), "Redocly CLI is not installed: run scripts/openapi-up");
        Path document = Path.of("target", "openapi-lint", "openapi.yaml");
        Files.createDirectories(document.getParent());
        Files.writeString(document, OpenApiDocumentTest.live(), StandardCharsets.UTF_8);
        Path report = document.resolveSibling("redocly.json");
        Process lint = new ProcessBuilder(
                        "node",
                        CLI.toString(),
                        "lint",
                        "--config",
                        TOOLS.resolve("redocly.yaml").toString(),
                        "--format",
                        "json",
                        document.toString())
                .redirectOutput(report.toFile())
                .redirectError(document.resolveSibling("redocly.err").toFile())
                .start();
        assertTrue(lint.waitFor(3, TimeUnit.MINUTES), "redocly lint did not finish");
        String json = Files.readString(report, StandardCharsets.UTF_8);
        JsonNode result = new ObjectMapper().readTree(json.substring(json.indexOf('{')));
        JsonNode totals = result.get("totals");
        String problems = result.get("problems").toPrettyString();
        assertEquals(0, totals.get("errors").asInt(), problems);
        assertEquals(0, totals.get("warnings").asInt(), problems);
    }
}
