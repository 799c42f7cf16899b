package com.oncopay.platform.health;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private long[] last = reading();

    /** The share since the last reading (or since this meter was made), and a new reading. */
    synchronized double share() {
        long[] now = reading(), before = last;
        last = now;
        if (now == null || before == null || now[1] <= before[1]) return Double.NaN;
        return (double) (now[0] - before[0]) / (now[1] - before[1]);
    }

    /** {compiler threads' CPU, the process's CPU}, in one unit; null when unknown. */
    private long[] reading() {
        if (proc) {
            try (Stream<Path> tasks = Files.list(SELF.resolve("task"))) {
                long compilers = tasks.filter(JitMeter::compiler)
                        .mapToLong(t -> Math.max(0, ticks(t.resolve("stat")))) // a thread gone meanwhile: none
                        .sum();
                long process = ticks(SELF.resolve("stat"));
                return process < 0 ? null : new long[] {compilers, process};
            } catch (IOException e) {
                return null;
            }
        }
        if (jit == null || !jit.isCompilationTimeMonitoringSupported() || os == null || os.getProcessCpuTime() < 0)
            return null;
        return new long[] {jit.getTotalCompilationTime() * 1_000_000, os.getProcessCpuTime()};
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
