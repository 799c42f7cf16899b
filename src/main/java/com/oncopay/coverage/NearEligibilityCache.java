package com.oncopay.coverage;

import com.oncopay.coverage.EligibilityService.Snapshot;
import com.oncopay.platform.cache.RedisGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Eligibility snapshots kept in this replica's memory in front of Redis: a hit costs no round trip.
 * An entry is made from a Redis hit and carries the member's generation it was read under (read
 * with the value, atomically). Every change bumps the generation in Redis and publishes
 * {@code memberId generation} on {@code oncopay.coverage.near-cache.channel} in the same script;
 * every replica drops the member's entries when it hears it (the replica making the change drops
 * them before asking Redis). A Redis read that started before an invalidation was heard is not
 * kept (a counter per member stripe, checked under the map's lock). The staleness window is the
 * pub/sub delivery time to the other replicas, zero on the replica that made the change.
 * It answers only while the subscription is proven alive (a heartbeat heard within
 * {@code lease}) and the Redis breaker is closed; else it is emptied and requests go to Redis or,
 * with the breaker open, to PostgreSQL. When Redis dies, the closed subscription stops it at once; when Redis hangs
 * (nothing closes), the lease does: that is also the staleness bound for a change made meanwhile on another
 * replica, whose invalidation cannot arrive. A slow heartbeat alone does not stop it (a loaded Redis pool must
 * not empty the cache and send every read to Redis). Money decisions never read it (nor Redis).
 */
@Singleton
public class NearEligibilityCache {
    private static final Logger LOG = Logger.getLogger(NearEligibilityCache.class);
    private static final String HEARTBEAT = "~";
    private static final int STRIPES = 1024;

    /** One member's snapshots under one generation. */
    private record Member(long generation, long expiresAt, ConcurrentHashMap<String, Kept> fields) {}

    /**
     * A kept snapshot and the response bodies made from it, one per language, each rendered once: a hit then
     * writes bytes already made (no serialization and no garbage from it). A body depends only on the snapshot
     * and the language, and goes with the entry.
     */
    public static final class Kept {
        private final Snapshot snapshot;
        private final ConcurrentHashMap<Locale, byte[]> bodies = new ConcurrentHashMap<>(4);

        Kept(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        public Snapshot snapshot() {
            return snapshot;
        }

        /** The body in {@code language}, rendered by {@code render} the first time it is asked for. */
        public byte[] body(Locale language, Function<Snapshot, byte[]> render) {
            byte[] b = bodies.get(language);
            return b != null ? b : bodies.computeIfAbsent(language, l -> render.apply(snapshot));
        }
    }

    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisGuard guard;
    private final CoverageConfig.NearCache config;
    private final long ttlNs, leaseNs;
    private final Counter hits, misses, off, invalidations;
    private volatile long leaseUntil = System.nanoTime();
    private volatile boolean subscribed, stopped;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private Vertx vertx;
    private long heartbeats;

    public NearEligibilityCache(
            ReactiveRedisDataSource redis, RedisGuard guard, CoverageConfig config, MeterRegistry registry) {
        this.pubsub = redis.pubsub(String.class);
        this.guard = guard;
        this.config = config.nearCache();
        this.ttlNs = this.config.ttl().toNanos();
        this.leaseNs = this.config.lease().toNanos();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.off = lookups(registry, "off");
        this.invalidations = Counter.builder("oncopay.eligibility.cache.near.invalidations")
                .description("Invalidations of the eligibility near cache heard on Redis pub/sub (own and others')")
                .register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("oncopay.eligibility.cache.near.lookups")
                .tag("result", result)
                .description("Lookups of this replica's eligibility near cache: hit, miss, or off (not answering: "
                        + "subscription not proven alive or Redis breaker open)")
                .register(registry);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (!config.enabled()) return;
        subscribe(vertx);
        this.vertx = vertx;
        heartbeats = vertx.setPeriodic(config.heartbeat().toMillis(), id -> {
            if (!stopped && !guard.open()) // breaker open: it does not answer anyway, and Redis is not asked
            pubsub.publish(config.channel(), HEARTBEAT)
                        .ifNoItem()
                        .after(config.heartbeat())
                        .fail()
                        .subscribe()
                        .with(x -> {}, e -> LOG.debugf("near cache heartbeat not published: %s", e.getMessage()));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (vertx != null) vertx.cancelTimer(heartbeats);
        var s = subscriber;
        if (s != null) s.unsubscribe().subscribe().with(x -> {}, e -> {});
    }

    private void subscribe(Vertx vertx) {
        pubsub.subscribe(config.channel(), this::heard, () -> lost(vertx, null), e -> lost(vertx, e))
                .ifNoItem()
                .after(Duration.ofSeconds(2))
                .fail()
                .subscribe()
                .with(
                        s -> {
                            subscriber = s;
                            subscribed = true;
                        },
                        e -> lost(vertx, e));
    }

    /** The subscription ended or could not be made: nothing may be answered until it is back. */
    private void lost(Vertx vertx, Throwable e) {
        subscribed = false;
        clear();
        if (stopped) return;
        LOG.debugf("near cache subscription lost (%s); subscribing again", e == null ? "closed" : e.getMessage());
        vertx.setTimer(1000, id -> subscribe(vertx));
    }

    /** A message on the channel: a heartbeat or an invalidation; either proves the subscription alive. */
    void heard(String message) {
        long now = System.nanoTime();
        if (now - leaseUntil > 0) clear(); // silent for too long: invalidations may have been missed
        leaseUntil = now + leaseNs;
        if (HEARTBEAT.equals(message)) return;
        int space = message.lastIndexOf(' ');
        if (space <= 0) return;
        invalidations.increment();
        try {
            invalidated(message.substring(0, space), Long.parseLong(message.substring(space + 1)));
        } catch (NumberFormatException e) {
            drop(message.substring(0, space));
        }
    }

    /** Whether this cache may answer now (read once per request: two volatile reads and a clock read). */
    private boolean live() {
        return subscribed && leaseUntil - System.nanoTime() > 0 && !guard.open();
    }

    /** The snapshot kept for {@code field} of the member, or null (counted). */
    public Kept get(String memberId, String field) {
        if (!config.enabled()) return null;
        if (!live()) {
            off.increment();
            if (!members.isEmpty()) clear();
            return null;
        }
        Member m = members.get(memberId);
        Kept s = m == null || m.expiresAt - System.nanoTime() < 0 ? null : m.fields.get(field);
        (s == null ? misses : hits).increment();
        return s;
    }

    /** Taken before reading Redis; {@link #keep} refuses the value if an invalidation was heard since. */
    public long stamp(String memberId) {
        return stripes.get(stripe(memberId));
    }

    /** Keeps a snapshot read from Redis under {@code generation}, unless the member changed since {@code stamp}. */
    public void keep(String memberId, long generation, String field, Snapshot snapshot, long stamp) {
        if (!config.enabled() || !live()) return;
        int stripe = stripe(memberId);
        members.compute(memberId, (k, m) -> {
            if (stripes.get(stripe) != stamp) return m; // checked under the entry's lock: see invalidated()
            // a lower generation than the entry's: an overtaken read, or Redis counting again from 0 after losing its
            // data (a FLUSHDB, an evicted generation key) with the subscription intact. Neither value is stored; the
            // entry goes, so that after a reset the next read is kept instead of every read missing from now on.
            if (m != null && m.generation > generation) return null;
            if (m == null || m.generation < generation || m.expiresAt - System.nanoTime() < 0)
                m = new Member(generation, System.nanoTime() + ttlNs, new ConcurrentHashMap<>(4));
            m.fields.put(field, new Kept(snapshot));
            return m;
        });
        if (members.size() > config.members()) evict();
    }

    /**
     * The member's generation is now {@code generation}: entries made under any other go (an entry read
     * under exactly this one was read after the change). A generation Redis lost starts again from its clock
     * ({@link EligibilityCache}), so the number after a loss is not one an older entry carries.
     */
    public void invalidated(String memberId, long generation) {
        stripes.incrementAndGet(stripe(memberId)); // before the removal: a keep() racing with it sees the change
        members.computeIfPresent(memberId, (k, m) -> m.generation == generation ? m : null);
    }

    /** Drops the member's entries whatever their generation (this replica is changing the member). */
    public void drop(String memberId) {
        stripes.incrementAndGet(stripe(memberId));
        members.remove(memberId);
    }

    private void clear() {
        for (int i = 0; i < STRIPES; i++) stripes.incrementAndGet(i);
        members.clear();
    }

    /** Over the bound: about a tenth of the members go (whichever the map iterates first). */
    private void evict() {
        int excess = members.size() - config.members() + config.members() / 10;
        Iterator<String> it = members.keySet().iterator();
        while (excess-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static int stripe(String memberId) {
        return memberId.hashCode() & (STRIPES - 1);
    }
}
