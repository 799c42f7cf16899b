package com.oncopay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's JVM options where they are written down: {@code scripts/lib.sh} ({@code ENGINE_JAVA_OPTS}, what
 * {@code scripts/start} and {@code bench/run} launch it with) and the image ({@code src/main/docker/Dockerfile.jvm}).
 */
public final class EngineJvmOptions {
    private EngineJvmOptions() {}

    /** The options of the line {@code NAME="..."} (or {@code ENV NAME="..."}) in the file, split on spaces. */
    public static List<String> assigned(Path file, String name) {
        try {
            Matcher m = Pattern.compile("^(?:ENV )?" + Pattern.quote(name) + "=\"([^\"]*)\"", Pattern.MULTILINE)
                    .matcher(Files.readString(file));
            if (!m.find()) throw new IllegalStateException("no " + name + "=\"...\" line in " + file);
            return List.of(m.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ENGINE_JAVA_OPTS} of {@code scripts/lib.sh} under the project root. */
    public static List<String> ofScripts(Path root) {
        return assigned(root.resolve("scripts/lib.sh"), "ENGINE_JAVA_OPTS");
    }
}
