package com.oncopay.platform.observe;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * #21 item 4: the metrics operators get (each with a HELP text), and the alert rules and the dashboard in
 * ops/ only use metrics that /q/metrics exposes (promtool is not on these machines: the rules are parsed
 * here and every metric an expression names is looked up).
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class ObservabilityTest {
    static final Set<String> PROMQL_WORDS = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "rate",
            "irate",
            "increase",
            "by",
            "without",
            "on",
            "ignoring",
            "or",
            "and",
            "unless",
            "histogram_quantile",
            "clamp_min",
            "clamp_max",
            "abs",
            "le",
            "bool",
            "offset");

    static final List<String> EXPECTED = List.of(
            "oncopay_redemptions_total",
            "oncopay_redemptions_amount_fen_total",
            "oncopay_reversals_total",
            "oncopay_reversals_amount_fen_total",
            "oncopay_deliveries_settled_total",
            "oncopay_deliveries_settled_amount_fen_total",
            "oncopay_cache_lookups_total",
            "oncopay_rate_limited_requests_total",
            "oncopay_idempotent_replays_total",
            "oncopay_review_queue_depth",
            "oncopay_review_queue_overdue",
            "oncopay_outbox_unsent",
            "oncopay_outbox_oldest_unsent_age_seconds",
            "oncopay_dispatch_live_connections",
            "oncopay_calendar_official_until_days",
            "http_server_requests_seconds_bucket");

    /** Metric name → its HELP text, from the exposition after a few requests. */
    private static Map<String, String> exposed() {
        given().when().get("/api/v1/ping").then().statusCode(200);
        given().when().get("/api/v1/pharmacy/redemptions/x").then().statusCode(org.hamcrest.Matchers.not(200));
        String text = Fixtures.metrics();
        Map<String, String> help = new HashMap<>();
        Set<String> samples = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
            } else if (!line.startsWith("#") && !line.isBlank()) {
                samples.add(line.split("[{ ]", 2)[0]);
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String s : samples) {
            String family = s.replaceAll("_(bucket|count|sum|total|max)$", "");
            out.put(s, help.getOrDefault(s, help.getOrDefault(family, help.getOrDefault(family + "_total", ""))));
        }
        return out;
    }

    @Test
    void every_business_metric_is_exposed_with_a_help_text() {
        Map<String, String> exposed = exposed();
        for (String name : EXPECTED) assertTrue(exposed.containsKey(name), name + " is exposed");
        exposed.forEach((name, help) -> {
            if (name.startsWith("oncopay_")) assertFalse(help.isBlank(), name + " has a HELP text");
        });
        // a p99 can be computed: the request latency is a histogram with buckets
        assertTrue(exposed.keySet().stream().anyMatch(n -> n.equals("http_server_requests_seconds_bucket")));
    }

    /** The metric names an expression uses: label matchers, strings and PromQL's own words left out. */
    static Set<String> metricsOf(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\"[^\"]*\"", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b").matcher(bare);
        while (m.find()) {
            String word = m.group();
            // numbers such as 1e-9 and duration words are not names
            if (!PROMQL_WORDS.contains(word) && !word.matches("e\\d*")) names.add(word);
        }
        return names;
    }

    @Test
    void the_alert_rules_parse_and_use_only_exposed_metrics() throws IOException {
        Map<String, String> exposed = exposed();
        Map<String, Object> file;
        try (Reader r = Files.newBufferedReader(Path.of("ops/prometheus/oncopay-alerts.yaml"))) {
            file = new Yaml().load(r);
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                String expr = (String) rule.get("expr");
                assertTrue(alert != null && expr != null && rule.get("for") != null, "alert, expr and for: " + rule);
                assertTrue(((Map<String, Object>) rule.get("annotations")).containsKey("summary"), alert);
                Set<String> names = metricsOf(expr);
                assertFalse(names.isEmpty(), alert + " names a metric");
                for (String name : names)
                    assertTrue(exposed.containsKey(name), alert + ": " + name + " is exposed by /q/metrics");
                alerts.add(alert);
            }
        }
        assertEquals(
                List.of(
                        "OncoPayOutboxBacklogOld",
                        "OncoPayReviewsOverdue",
                        "OncoPayHighServerErrorRate",
                        "OncoPayLatencyP99High",
                        "OncoPayCalendarRunwayShort",
                        "OncoPayRedisCircuitOpen"),
                alerts);
    }

    @Test
    void the_dashboard_uses_only_exposed_metrics() throws IOException {
        Map<String, String> exposed = exposed();
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("ops/grafana/oncopay-engine.json").toFile());
        assertEquals("OncoPay engine", dashboard.get("title").asText());
        int targets = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                for (String name : metricsOf(target.get("expr").asText()))
                    assertTrue(
                            exposed.containsKey(name),
                            panel.get("title").asText() + ": " + name + " is exposed by /q/metrics");
                targets++;
            }
        }
        assertTrue(targets >= 12, "the dashboard shows the business metrics");
    }

    @Test
    void a_problem_body_says_which_trace_to_look_up() {
        String traceId = given().when()
                .get("/api/v1/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .extract()
                .path("traceId");
        assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}"), "traceId " + traceId);
    }
}
