package com.oncopay.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.db.Rehearsals;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Parses every manifest under k8s/ and checks it against the running service. */
@QuarkusTest
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {
    private static final Map<String, Map<String, Object>> BY_KIND = new HashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f)) {
                    for (Object doc : new Yaml().loadAll(r)) {
                        Map<String, Object> m = (Map<String, Object>) doc;
                        assertNotNull(m.get("apiVersion"), f + " has apiVersion");
                        assertNotNull(((Map<String, Object>) m.get("metadata")).get("name"), f + " has a name");
                        BY_KIND.put((String) m.get("kind"), m);
                    }
                }
            }
        }
    }

    private static Map<String, Object> map(Object o, String key) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(key);
    }

    private static Map<String, Object> container() {
        Map<String, Object> spec = map(map(map(BY_KIND.get("Deployment"), "spec"), "template"), "spec");
        return ((List<Map<String, Object>>) spec.get("containers")).get(0);
    }

    @Test
    void every_required_kind_is_there() {
        for (String kind : List.of(
                "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "Secret")) {
            assertTrue(BY_KIND.containsKey(kind), "k8s/ has a " + kind);
        }
    }

    @Test
    void probes_point_at_paths_the_service_answers() {
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            Map<String, Object> httpGet = map(container().get(probe), "httpGet");
            String path = (String) httpGet.get("path");
            // the packaged engine serves health on the management interface; the test build keeps it on the test port
            assertEquals("management", httpGet.get("port"));
            given().when().get(path).then().statusCode(200);
        }
        assertEquals(
                "/q/health/ready",
                map(container().get("readinessProbe"), "httpGet").get("path"));
        assertEquals(
                "/q/health/live",
                map(container().get("livenessProbe"), "httpGet").get("path"));
    }

    @Test
    void operational_endpoints_are_on_the_management_port_and_the_service_does_not_expose_it() throws IOException {
        List<Map<String, Object>> ports =
                (List<Map<String, Object>>) container().get("ports");
        assertTrue(ports.stream()
                .anyMatch(p -> "management".equals(p.get("name"))
                        && Integer.valueOf(9000).equals(p.get("containerPort"))));
        Map<String, Object> annotations =
                map(map(map(map(BY_KIND.get("Deployment"), "spec"), "template"), "metadata"), "annotations");
        assertEquals("9000", annotations.get("prometheus.io/port"));
        String service = Files.readString(Path.of("k8s/service.yaml"));
        assertFalse(service.contains("9000"), "the Service exposes the application port only");
        String props = Files.readString(Path.of("src/main/resources/application.properties"));
        assertTrue(props.contains("\nquarkus.management.enabled=true")
                && props.contains("%test.quarkus.management.enabled=false"));
    }

    @Test
    void the_container_runs_non_root_read_only_with_resources() {
        Map<String, Object> sc = map(container(), "securityContext");
        assertEquals(true, sc.get("readOnlyRootFilesystem"));
        assertEquals(false, sc.get("allowPrivilegeEscalation"));
        Map<String, Object> podSc =
                map(map(map(map(BY_KIND.get("Deployment"), "spec"), "template"), "spec"), "securityContext");
        assertEquals(true, podSc.get("runAsNonRoot"));
        Map<String, Object> res = map(container(), "resources");
        assertNotNull(map(res, "requests").get("cpu"));
        assertNotNull(map(res, "limits").get("memory"));
    }

    /** The keys the container's {@code envFrom} makes environment variables: its Secret's and its ConfigMap's. */
    private static List<String> envFromKeys() {
        List<String> keys =
                new ArrayList<>(map(BY_KIND.get("Secret"), "stringData").keySet());
        keys.addAll(map(BY_KIND.get("ConfigMap"), "data").keySet());
        return keys;
    }

    /** The image runs the JVM the benchmark measured ({@link EngineJvmOptionsTest}): nothing here may replace it. */
    @Test
    void neither_the_deployment_nor_what_its_env_from_injects_sets_jvm_options() {
        List<String> names = envFromKeys();
        List<Map<String, Object>> env = (List<Map<String, Object>>) container().get("env");
        if (env != null) env.forEach(e -> names.add((String) e.get("name")));
        for (String jvm : List.of(
                "JAVA_OPTS", "JAVA_OPTS_APPEND", "GC_CONTAINER_OPTIONS", "JAVA_MAX_MEM_RATIO", "MALLOC_ARENA_MAX")) {
            assertFalse(names.contains(jvm), "k8s/ sets " + jvm + " for the engine's container");
        }
    }

    @Test
    void the_hpa_scales_the_deployment_on_cpu() {
        Map<String, Object> spec = map(BY_KIND.get("HorizontalPodAutoscaler"), "spec");
        assertEquals("oncopay-engine", map(spec, "scaleTargetRef").get("name"));
        Map<String, Object> metric = ((List<Map<String, Object>>) spec.get("metrics")).get(0);
        assertEquals("cpu", map(metric, "resource").get("name"));
    }

    /** The primary's {@code max_connections} the README's Configuration table asks for. */
    private static final int PRIMARY_MAX_CONNECTIONS = 200;

    /**
     * At the HPA's most replicas, the engine's PostgreSQL connections fit the primary's {@code max_connections} that the
     * README asks for, less PostgreSQL's 3 reserved for superusers: each replica's request pool, its heartbeat and
     * {@code LISTEN} connections, and one admin rehearsal's pool plus Flyway's JDBC pool at a time. With the earlier
     * pool of 32, 10 replicas needed 350. The ConfigMap's pool size is the measured default.
     */
    @Test
    void the_connections_at_the_most_replicas_fit_the_primary() throws IOException {
        String props = Files.readString(Path.of("src/main/resources/application.properties"));
        int maxReplicas =
                (Integer) map(BY_KIND.get("HorizontalPodAutoscaler"), "spec").get("maxReplicas");
        int pool =
                Integer.parseInt((String) map(BY_KIND.get("ConfigMap"), "data").get("ONCOPAY_DB_POOL_SIZE"));
        int flyway = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        int connections = maxReplicas * (pool + 2) + Rehearsals.CONNECTIONS + flyway;
        assertTrue(
                connections <= PRIMARY_MAX_CONNECTIONS - 3,
                maxReplicas + " replicas need " + connections + " connections");
        assertTrue(
                props.contains("quarkus.datasource.reactive.max-size=${ONCOPAY_DB_POOL_SIZE:" + pool + "}"),
                "the ConfigMap's pool size is the engine's default");
        assertTrue(Files.readString(Path.of("README.md"))
                .contains("`max_connections` must be at least " + PRIMARY_MAX_CONNECTIONS));
    }

    @Test
    void the_service_and_pdb_select_the_deployment_pods() {
        Map<String, Object> podLabels =
                map(map(map(map(BY_KIND.get("Deployment"), "spec"), "template"), "metadata"), "labels");
        Map<String, Object> serviceSelector = map(map(BY_KIND.get("Service"), "spec"), "selector");
        Map<String, Object> pdbSelector =
                map(map(map(BY_KIND.get("PodDisruptionBudget"), "spec"), "selector"), "matchLabels");
        assertTrue(podLabels.entrySet().containsAll(serviceSelector.entrySet()));
        assertTrue(podLabels.entrySet().containsAll(pdbSelector.entrySet()));
    }

    @Test
    void the_secret_is_a_template_without_real_values_and_every_setting_is_one_the_engine_reads() throws IOException {
        Map<String, Object> secret = map(BY_KIND.get("Secret"), "stringData");
        secret.values()
                .forEach(v -> assertTrue(
                        v.toString().startsWith("<") && v.toString().endsWith(">"), "placeholder only: " + v));
        String props = Files.readString(Path.of("src/main/resources/application.properties"));
        for (String key : envFromKeys()) {
            if (key.equals("QUARKUS_PROFILE")) continue;
            String asProperty = key.toLowerCase().replace('_', '.');
            boolean read = props.contains("${" + key + "}")
                    || props.contains("${" + key + ":")
                    || props.replace('-', '.').contains(asProperty);
            assertTrue(read, key + " is read by application.properties");
        }
        assertFalse(Files.readString(Path.of("k8s/secret.template.yaml")).contains("BEGIN PRIVATE KEY"));
    }
}
