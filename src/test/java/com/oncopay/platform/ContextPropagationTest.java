package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.context.impl.ThreadContextProviderPlan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

/**
 * application.properties leaves the JTA transaction context unchanged instead of clearing it around every operator
 * (nothing here runs in a JTA transaction): the other contexts, the request's CDI context first, must still propagate.
 */
@QuarkusTest
class ContextPropagationTest {
    private static Set<String> types(Set<ThreadContextProvider> providers) {
        return providers.stream()
                .map(ThreadContextProvider::getThreadContextType)
                .collect(Collectors.toSet());
    }

    @Test
    void the_transaction_context_is_left_alone_and_the_request_context_still_propagates() {
        ThreadContextProviderPlan plan = ((SmallRyeContextManager) SmallRyeContextManagerProvider.getManager())
                .defaultThreadContext()
                .getPlan();
        assertFalse(
                types(plan.clearedProviders).contains(ThreadContext.TRANSACTION),
                "cleared: " + types(plan.clearedProviders));
        assertFalse(types(plan.propagatedProviders).contains(ThreadContext.TRANSACTION));
        assertTrue(
                types(plan.unchangedProviders).contains(ThreadContext.TRANSACTION),
                "unchanged: " + types(plan.unchangedProviders));
        assertTrue(
                types(plan.propagatedProviders).contains(ThreadContext.CDI),
                "propagated: " + types(plan.propagatedProviders));

        // the request context follows a Uni onto another thread
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            InjectableContext.ContextState state = request.getState();
            String here = Thread.currentThread().getName();
            Object[] seen = Uni.createFrom()
                    .item(1)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(x -> new Object[] {Thread.currentThread().getName(), request.isActive(), request.getState()})
                    .await()
                    .atMost(Duration.ofSeconds(10));
            assertFalse(here.equals(seen[0]), "ran on another thread");
            assertEquals(true, seen[1]);
            assertSame(state, seen[2]);
        } finally {
            request.terminate();
        }
    }
}
