package com.oncopay.platform.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JIT's share of this process's CPU between two readings, as the benchmark's "JIT share" column counts it: the CPU
 * time of the JIT's compiler threads ({@code C1 CompilerThread}, {@code C2 CompilerThread}) over the whole process's,
 * from Linux's {@code /proc/self}. Elsewhere, the JVM's own account of the time it spent compiling ({@link
 * CompilationMXBean}), which counts a compilation's waits for the CPU too and so reads high on a busy machine. {@code
 * NaN} where neither is told. Reads files: call it off the event loop.
 */
final class JitMeter {
    private static final Path SELF = Path.of("/proc/self");
    private final boolean proc = Files.isReadable(SELF.resolve("stat"));
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun
                    ? sun
                    : null;
    private Reading last = reading();

    /**
     * The compiler threads' CPU by thread (its id in {@code /proc/self/task}, or one entry for the JVM's own account)
     * and the process's, in one unit.
     */
    record Reading(Map<String, Long> compilers, long process) {}

    /** The share since the last reading (or since this meter was made), and a new reading. */
    synchronized double share() {
        Reading now = reading(), before = last;
        last = now;
        return share(before, now);
    }

    /**
     * The compiler threads' share of the process's CPU from {@code before} to {@code now}, thread by thread: the JVM
     * starts compiler threads under load and ends them when idle (on a machine with more than one thread per compiler),
     * and a sum over the threads present at each reading would lose an ended thread's whole CPU, even read below zero.
     * A thread new since {@code before} counts all of its CPU; one that has ended, none of its last stretch's. NaN when
     * either reading is unknown or the process used no CPU in between.
     */
    static double share(Reading before, Reading now) {
        if (now == null || before == null || now.process() <= before.process()) return Double.NaN;
        long compiled = 0;
        for (Map.Entry<String, Long> t : now.compilers().entrySet())
            compiled += Math.max(0, t.getValue() - before.compilers().getOrDefault(t.getKey(), 0L));
        return Math.min(1, (double) compiled / (now.process() - before.process()));
    }

    private Reading reading() {
        if (proc) {
            try (Stream<Path> tasks = Files.list(SELF.resolve("task"))) {
                Map<String, Long> compilers = new HashMap<>();
                tasks.filter(JitMeter::compiler).forEach(t -> {
                    long ticks = ticks(t.resolve("stat"));
                    if (ticks >= 0) compilers.put(t.getFileName().toString(), ticks); // a thread gone meanwhile: none
                });
                long process = ticks(SELF.resolve("stat"));
                return process < 0 ? null : new Reading(compilers, process);
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
        }
        if (jit == null || !jit.isCompilationTimeMonitoringSupported() || os == null || os.getProcessCpuTime() < 0)
            return null;
        return new Reading(Map.of("jvm", jit.getTotalCompilationTime() * 1_000_000), os.getProcessCpuTime());
    }

    private static boolean compiler(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false; // the thread ended
        }
    }

    /** User and system CPU ticks in a {@code stat} file (fields 14 and 15, after the name in parentheses); -1: unread. */
    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
