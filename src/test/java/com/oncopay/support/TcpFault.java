package com.oncopay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dependency that fails on demand, for fault tests: a TCP proxy in front of a real service that can be
 * cut (every connection closed, new ones refused, as when the service dies) and restored on the same
 * port, or frozen (connections stay open and nothing passes either way until it thaws, as under SIGSTOP);
 * or a black hole that accepts connections and never answers (a frozen service, SIGSTOP).
 */
public final class TcpFault implements AutoCloseable {
    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    /** How late what the client sends reaches the service (0: at once); answers are never delayed. */
    private volatile long delayNanos;
    /** Frozen: what is read is held, not passed on, until thawed (a {@link #delayed} proxy is never frozen). */
    private volatile boolean frozen;
    /**
     * Slow ({@code slow <ms>}, 0 to end it): each chunk a client sends waits this long before it is passed on, one
     * chunk at a time per connection, so every round trip takes at least that long and the service keeps answering.
     */
    private volatile long slowMillis;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private ServerSocket control;

    private TcpFault(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = listenOnFreePort();
        this.port = server.getLocalPort();
        accept(server);
    }

    /** A proxy to {@code host:port}, up. */
    public static TcpFault proxy(String host, int port) throws IOException {
        return new TcpFault(host, port);
    }

    /**
     * A proxy whose way to the service takes {@code delay} (each chunk the client sends is passed on {@code delay}
     * after it arrived, in order; the way back is immediate): a unit of work then takes about {@code delay} per round
     * trip it waits for, which is what a test of pipelining counts.
     */
    public static TcpFault delayed(String host, int port, java.time.Duration delay) throws IOException {
        TcpFault f = new TcpFault(host, port);
        f.delayNanos = delay.toNanos();
        return f;
    }

    /** A server that accepts connections and never answers a byte. */
    public static TcpFault blackHole() throws IOException {
        return new TcpFault(null, 0);
    }

    public int port() {
        return port;
    }

    /**
     * A port on which this fault takes {@code cut}, {@code reset}, {@code restore}, {@code freeze}, {@code thaw} or {@code slow <ms>}, one line per connection, and answers
     * {@code ok}: a test and the profile that started the fault may not share a class loader, but they share
     * the application's configuration, which can carry this port ({@link #command}).
     */
    public synchronized int controlPort() throws IOException {
        if (control == null) {
            control = listen(0);
            Thread t = new Thread(
                    () -> {
                        while (!control.isClosed()) {
                            try (Socket c = control.accept()) {
                                var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                        c.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                                String cmd = in.readLine();
                                if ("cut".equals(cmd)) cut();
                                else if ("restore".equals(cmd)) restore();
                                else if ("reset".equals(cmd)) reset();
                                else if ("freeze".equals(cmd)) frozen = true;
                                else if ("thaw".equals(cmd)) frozen = false;
                                else if (cmd != null && cmd.startsWith("slow "))
                                    slowMillis = Long.parseLong(cmd.substring(5));
                                c.getOutputStream().write("ok\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            } catch (IOException e) {
                                if (control.isClosed()) return;
                            }
                        }
                    },
                    "tcp-fault-control-" + port);
            t.setDaemon(true);
            t.start();
        }
        return control.getLocalPort();
    }

    /**
     * Sends a command ({@code cut}, {@code reset}, {@code restore}, {@code freeze}, {@code thaw}, {@code slow <ms>}) to the fault whose
     * {@link #controlPort()} is {@code controlPort}.
     */
    public static void command(int controlPort, String cmd) throws IOException {
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
            c.getOutputStream().write((cmd + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            c.getOutputStream().flush();
            c.getInputStream().read(); // the answer: done
        }
    }

    /** The service dies: open connections are closed and new ones refused. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        sockets.forEach(TcpFault::closeQuietly);
        sockets.clear();
    }

    /**
     * Every open connection is reset (closed with an RST, as when the service's host drops them) and new ones are still
     * accepted: what is in flight fails on the client with "Connection reset" as it reads.
     */
    public synchronized void reset() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** The service is back, on the same port. */
    public synchronized void restore() throws IOException {
        if (server != null) return;
        // the port can stay busy for a moment after the cut (a connection accepted as it happened, still closing):
        // seen twice in DatabaseConnectionLostTest as "Address already in use"; try again for up to 2 s
        for (int attempt = 1; ; attempt++) {
            try {
                server = listen(port);
                break;
            } catch (java.net.BindException busy) {
                if (attempt == 40) throw busy;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
        accept(server);
    }

    @Override
    public void close() {
        cut();
        closeQuietly(control);
    }

    /**
     * A port below the kernel's ephemeral range (32768 and up on Linux): a port of that range, free again between
     * {@link #cut} and {@link #restore}, could be taken as the local port of any outgoing connection meanwhile, and
     * {@code restore} then fails with "Address already in use" (seen once in DatabaseConnectionLostTest).
     */
    private static ServerSocket listenOnFreePort() throws IOException {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return listen(random.nextInt(20_000, 32_000));
            } catch (java.net.BindException taken) {
                last = taken;
            }
        }
        throw last;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return s;
    }

    private void accept(ServerSocket listening) {
        Thread t = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            sockets.add(client);
                            if (upstreamHost != null) connect(client);
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "tcp-fault-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket(upstreamHost, upstreamPort);
            sockets.add(upstream);
            if (delayNanos > 0) delayedPump(client, upstream, delayNanos);
            else pump(client, upstream, this, true);
            pump(upstream, client, this, false);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to, TcpFault fault, boolean toService) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            while (fault.frozen && !from.isClosed()) Thread.sleep(5);
                            long slow = toService ? fault.slowMillis : 0;
                            if (slow > 0) Thread.sleep(slow);
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException closed) {
                        // one side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-fault-pump");
        t.setDaemon(true);
        t.start();
    }

    /** As {@link #pump}, each chunk passed on {@code delayNanos} after it was read (a second thread writes). */
    private static void delayedPump(Socket from, Socket to, long delayNanos) {
        record Chunk(long due, byte[] bytes) {}
        java.util.concurrent.BlockingQueue<Chunk> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try (InputStream in = from.getInputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; )
                            chunks.add(new Chunk(System.nanoTime() + delayNanos, java.util.Arrays.copyOf(buffer, n)));
                    } catch (IOException closed) {
                        // one side went away
                    } finally {
                        chunks.add(new Chunk(0, null));
                    }
                },
                "tcp-fault-delay-read");
        Thread writer = new Thread(
                () -> {
                    try (OutputStream out = to.getOutputStream()) {
                        for (Chunk c; (c = chunks.take()).bytes() != null; ) {
                            long wait = c.due() - System.nanoTime();
                            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            out.write(c.bytes());
                            out.flush();
                        }
                    } catch (IOException | InterruptedException closed) {
                        // one side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-fault-delay-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
