package com.oncopay.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 9 and 10 run against the SHARED PostgreSQL, Redis and Kafka (they kill only their own engines), each
 * on what is its own there: the database {@code oncopay_faults_b} (made afresh for each scenario), Redis db 12 and
 * the Kafka topic {@code dispatch-events-faults-b}. Also: the checks' read-only SQL, and the figures' file.
 */
final class SharedServices {
    static final String DB = "oncopay_faults_b";
    static final int REDIS_DB = 12;
    static final String TOPIC = "dispatch-events-faults-b";
    static final String PG = "127.0.0.1:5432";
    static final String KAFKA = System.getProperty("faults.kafka", "127.0.0.1:9092");

    private static Connection db;

    private SharedServices() {}

    /** What every engine of these scenarios gets: its database, its Redis db, the broker. */
    static Map<String, String> env() {
        return Map.of(
                "ONCOPAY_DB_REACTIVE_URL", "postgresql://" + PG + "/" + DB + "?search_path=oncopay",
                "ONCOPAY_DB_JDBC_URL", "jdbc:postgresql://" + PG + "/" + DB + "?currentSchema=oncopay",
                "ONCOPAY_REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB,
                "ONCOPAY_KAFKA_BOOTSTRAP", KAFKA);
    }

    /** The engine's own topic, and then the scenario's settings. */
    static List<String> props(String... more) {
        List<String> p = new ArrayList<>(List.of(
                "-Dmp.messaging.outgoing.dispatch-out.topic=" + TOPIC,
                "-Dmp.messaging.incoming.dispatch-in.topics=" + TOPIC));
        p.addAll(List.of(more));
        return p;
    }

    /** A fresh database (the engine migrates it at start) and an empty Redis db. */
    static void freshStart() throws Exception {
        closeDb();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres?user=postgres");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB + " with (force)");
            s.execute("create database " + DB);
        }
        flushRedis();
    }

    /** FLUSHDB of Redis db 12 (one RESP exchange, no client library). */
    static void flushRedis() throws IOException {
        try (Socket s = new Socket("127.0.0.1", 6379)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(resp("SELECT", Integer.toString(REDIS_DB)));
            out.write(resp("FLUSHDB"));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readNBytes(10), StandardCharsets.US_ASCII);
            if (!reply.startsWith("+OK\r\n+OK"))
                throw new IOException("Redis did not flush db " + REDIS_DB + ": " + reply);
        }
    }

    private static byte[] resp(String... parts) {
        StringBuilder b = new StringBuilder("*" + parts.length + "\r\n");
        for (String p : parts)
            b.append('$').append(p.length()).append("\r\n").append(p).append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Rows of a read-only query on the scenario's database (one connection, kept), as column → value maps. */
    static synchronized List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        if (db == null)
            db = DriverManager.getConnection(
                    "jdbc:postgresql://" + PG + "/" + DB + "?user=postgres&currentSchema=oncopay");
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            try (ResultSet rs = st.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    out.add(row);
                }
                return out;
            }
        }
    }

    static synchronized void closeDb() {
        try {
            if (db != null) db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        db = null;
    }

    static long scalar(String sql, Object... args) throws SQLException {
        Object v = rows(sql, args).get(0).values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Prints the scenario's figures on one line and writes them to target/faults/<scenario>.txt. */
    static void report(String scenario, String figures) throws IOException {
        String line = "FAULT " + scenario + ": " + figures;
        System.out.println(line);
        Path file = Path.of("target", "faults", scenario + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n");
    }
}
