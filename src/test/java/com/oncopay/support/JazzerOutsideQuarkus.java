package com.oncopay.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Lets Jazzer fuzz a {@code @FuzzTest} of a {@code @QuarkusTest} class. Quarkus's extension intercepts
 * every test-template invocation, runs it itself in the application's class loader and skips the rest
 * of the chain, so Jazzer's own interceptor (registered later, on the method) never sees the invocation
 * that starts fuzzing: the fuzz test would pass without a single fuzzed input. Registered on the class
 * BEFORE {@code @QuarkusTest}, this interceptor comes first and hands the invocation to Jazzer's while
 * fuzzing ({@code JAZZER_FUZZ} set); Jazzer then runs the fuzz target on JUnit's instance of the class
 * against the application Quarkus started. In regression mode it only passes the invocation on.
 * The fuzz target must therefore not rely on injection: it talks to the engine through
 * {@link EngineHttp}.
 */
public final class JazzerOutsideQuarkus implements InvocationInterceptor {
    private static final String JAZZER_EXTENSIONS = "com.code_intelligence.jazzer.junit.FuzzTestExtensions";

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        if (!fuzzing(extensionContext)) {
            invocation.proceed();
            return;
        }
        jazzer().interceptTestTemplateMethod(invocation, invocationContext, extensionContext);
    }

    /** As Jazzer decides it: the JAZZER_FUZZ environment variable or the jazzer.fuzz parameter. */
    static boolean fuzzing(ExtensionContext context) {
        String env = System.getenv("JAZZER_FUZZ");
        if (env != null && !env.isEmpty()) return true;
        return context.getConfigurationParameter("jazzer.fuzz")
                .map(Boolean::parseBoolean)
                .orElse(false);
    }

    private static InvocationInterceptor jazzer() throws ReflectiveOperationException {
        Constructor<?> c = Class.forName(JAZZER_EXTENSIONS).getDeclaredConstructor();
        c.setAccessible(true);
        return (InvocationInterceptor) c.newInstance();
    }
}
