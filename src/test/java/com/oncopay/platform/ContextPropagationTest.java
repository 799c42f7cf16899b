package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.context.impl.ThreadContextProviderPlan;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile context propagation carries nothing (#22, application.properties): with contexts to carry, it wrapped
 * every callback of every {@code Uni} and captured them each time, 17.6% of the bytes of a cached eligibility check.
 * What a request needs still follows it, because it lives on the request's Vert.x duplicated context and the reactive
 * clients answer on the context that asked.
 */
@QuarkusTest
class ContextPropagationTest {
    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    private static List<String> named(Set<ThreadContextProvider> providers) {
        return providers.stream()
                .map(p -> p.getThreadContextType() + " (" + p.getClass().getName() + ")")
                .toList();
    }

    @Test
    void a_uni_callback_is_not_wrapped() {
        Function<Integer, Integer> f = x -> x + 1;
        // with any context to propagate or clear, Mutiny's decorator returns a contextual wrapper instead; the
        // message names the providers that would be carried or cleared (a new extension may bring one)
        ThreadContextProviderPlan plan = ((SmallRyeContextManager) SmallRyeContextManagerProvider.getManager())
                .defaultThreadContext()
                .getPlan();
        String desc = "propagated " + named(plan.propagatedProviders) + ", cleared " + named(plan.clearedProviders);
        assertSame(f, Infrastructure.decorate(f), desc);
        Supplier<Integer> s = () -> 1;
        assertSame(s, Infrastructure.decorate(s));
    }

    @Test
    void the_request_context_is_the_same_after_a_postgresql_round_trip() throws Exception {
        ManagedContext request = Arc.container().requestContext();
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(v -> {
            request.activate();
            InjectableContext.ContextState before = request.getState();
            String thread = Thread.currentThread().getName();
            pool.query("SELECT pg_sleep(0.05)").execute().onComplete(r -> {
                try {
                    seen.complete(new Object[] {
                        before,
                        request.isActive() ? request.getState() : null,
                        r.succeeded(),
                        thread,
                        Thread.currentThread().getName()
                    });
                } finally {
                    request.terminate();
                }
            });
        });
        Object[] s = seen.get(10, TimeUnit.SECONDS);
        assertEquals(true, s[2], "the query ran");
        assertNotNull(s[0], "a request context was active before the query");
        assertSame(s[0], s[1], "the same request context after the answer");
        assertEquals(s[3], s[4], "answered on the event loop that asked");
    }
}
