package com.oncopay.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Client threads, SQL reads of what the engine wrote, and the one-line figures of a scenario. */
final class FaultSupport {
    private FaultSupport() {}

    /** {@code f(0..n-1)} on four client threads (setting up data through the API), in order. */
    static <T> java.util.List<T> parallel(int n, java.util.function.IntFunction<T> f) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<T>>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> f.apply(k)));
            }
            var out = new java.util.ArrayList<T>();
            for (var fu : futures) out.add(fu.get(120, java.util.concurrent.TimeUnit.SECONDS));
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("setting up data failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("setting up data did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static Thread client(Runnable loop) {
        Thread t = new Thread(loop, "fault-client");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The first row of {@code sql} as a list of column values, null when there is none. */
    static List<Object> row(Connection db, String sql, Object... args) throws java.sql.SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                List<Object> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getObject(i));
                return out;
            }
        }
    }

    static List<Long> longs(Connection db, String sql, Object... args) throws java.sql.SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Prints {@code FAULT <scenario>: <figures>} and writes it to target/faults/<scenario>.txt. */
    static void figures(String scenario, String figures) {
        String line = "FAULT " + scenario + ": " + figures;
        System.out.println(line);
        try {
            Path dir = EngineProcess.root().resolve("target/faults");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".txt"), line + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 20 ms for at most {@code ms}; whether it became true. */
    static boolean awaitTrue(java.util.function.BooleanSupplier condition, long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) return false;
            sleep(20);
        }
        return true;
    }
}
