package com.oncopay.platform.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * PostgreSQL {@code LISTEN}: one connection of its own (outside the pool), opened on first use, that
 * reconnects by itself after a loss (every second, for ever) and listens again. A notification
 * sent while it was away is lost, so {@code onListening} runs at every (re)subscription: the caller
 * catches up there. What it hears are hints ("look now"), never data.
 */
@ApplicationScoped
public class PgNotifications {
    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile PgSubscriber subscriber;

    public PgNotifications(
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Listens on {@code channel}: {@code onNotification} gets each payload (on the listening
     * connection's event loop: it must be quick), {@code onListening} runs each time the
     * {@code LISTEN} is (re)established.
     */
    public synchronized void listen(
            Vertx vertx, String channel, Consumer<String> onNotification, Runnable onListening) {
        if (subscriber == null) {
            PgConnectOptions options = PgConnectOptions.fromUri(
                    url.replaceFirst("^vertx-reactive:", "").split(",")[0]);
            user.filter(u -> !u.isBlank()).ifPresent(options::setUser);
            password.filter(p -> !p.isBlank()).ifPresent(options::setPassword);
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
            subscriber.closeHandler(() -> LOG.debug("LISTEN connection lost; reconnecting"));
        }
        subscriber
                .channel(channel)
                .subscribeHandler(onListening)
                .exceptionHandler(e -> LOG.debugf("LISTEN %s: %s", channel, e.getMessage()))
                .handler(onNotification);
        if (subscriber.actualConnection() == null) {
            PgSubscriber s = subscriber;
            // the client reconnects after a loss by itself, not when the first connection fails: retried here.
            // (Not s.closed(): a subscriber that never connected says it is closed, and was never connected.)
            Uni.createFrom()
                    .deferred(() -> subscriber != s ? Uni.createFrom().voidItem() : s.connect())
                    .onFailure()
                    .invoke(e -> LOG.debugf("LISTEN connection could not be opened: %s", e.getMessage()))
                    .onFailure()
                    .retry()
                    .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .indefinitely()
                    .subscribe()
                    .with(x -> {}, e -> {});
        }
    }

    /** Stops listening and closes the connection. */
    public synchronized void close() {
        if (subscriber != null) subscriber.closeAndForget();
        subscriber = null;
    }
}
