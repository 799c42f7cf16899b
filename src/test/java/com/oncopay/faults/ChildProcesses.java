package com.oncopay.faults;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Child processes of the fault suite's services: started with their log in the services' folder, awaited, killed. */
final class ChildProcesses {
    private ChildProcesses() {}

    /** {@code cmd} as a child process; {@code marker} is what its command line shows (to find it again after a crash). */
    static Process spawn(Path dir, List<String> cmd, String logName, String marker) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve(logName).toFile()))
                    .start();
            // for the next run to stop it should this JVM die without its shutdown hook (SIGKILL)
            Files.writeString(
                    dir.resolve("pids"),
                    p.pid() + " " + marker + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        }
    }

    static void run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("commands.log").toFile()))
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IllegalStateException(cmd + " failed; see " + dir.resolve("commands.log"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void kill(Process p) {
        if (p == null) return;
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code port} accepts connections; fails at once when {@code p} exits first, and with the last
     * lines of {@code log} either way (a broker that cannot bind, or one still starting after {@code seconds}).
     */
    static void await(Process p, int port, int seconds, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!listening(port)) {
            if (!p.isAlive())
                throw new IllegalStateException(
                        "exited with " + p.exitValue() + " before listening on " + port + ":\n" + tail(log, 40));
            if (System.nanoTime() > deadline)
                throw new IllegalStateException(
                        "nothing listens on " + port + " after " + seconds + " s:\n" + tail(log, 40));
            FaultSupport.sleep(100);
        }
    }

    /** The last {@code n} lines of a log, for a failure message. */
    static String tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no " + log + ": " + e + ")";
        }
    }

    static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover folder under /tmp
        }
    }

    /** The newest PostgreSQL binaries of the Debian packages. */
    static Path postgresBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql/*/bin", e);
        }
    }
}
