package com.oncopay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image runs the engine with the JVM the benchmark measured. Before this, k8s/deployment.yaml appended
 * {@code -XX:MaxRAMPercentage=75} to the base image's defaults: ParallelGC and a 768 MB heap in a 1 GiB pod, a JVM
 * no benchmark had run.
 */
class EngineJvmOptionsTest {
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    /** What the image adds for running in a container, not for speed or memory. */
    private static final List<String> IMAGE_ONLY =
            List.of("-Dquarkus.http.host=0.0.0.0", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    @Test
    void the_image_runs_the_jvm_options_of_scripts_lib_sh_and_nothing_else_that_tunes_it() {
        List<String> image = EngineJvmOptions.assigned(DOCKERFILE, "JAVA_OPTS");
        List<String> scripts = EngineJvmOptions.ofScripts(Path.of(""));
        assertEquals(
                scripts, image.stream().filter(o -> !IMAGE_ONLY.contains(o)).toList());
        assertTrue(image.containsAll(IMAGE_ONLY), "the image listens on all interfaces: " + image);
        // JAVA_OPTS, when set, replaces the base image's run-java.sh defaults (ParallelGC, MaxRAMPercentage)
        assertTrue(scripts.contains("-XX:+UseG1GC") && scripts.contains("-Xmx152m"), scripts.toString());
    }

    @Test
    void the_image_keeps_few_malloc_arenas_as_scripts_do() throws IOException {
        String lib = Files.readString(Path.of("scripts/lib.sh"));
        assertTrue(lib.contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\""), "scripts/lib.sh sets 2 arenas");
        assertTrue(Files.readString(DOCKERFILE).contains("\nENV MALLOC_ARENA_MAX=2\n"), "the image sets 2 arenas");
    }
}
