package com.oncopay.support;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
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
 *
 * <p>While fuzzing it also installs Jazzer's agent BEFORE Quarkus starts (its {@code beforeAll} runs before
 * Quarkus's). Jazzer installs it when the fuzz test's arguments are asked for, after Quarkus has loaded the
 * application; it then has to retransform every loaded class, and a record retransformed that way crashed the JVM
 * (JDK 17 and 25 alike: {@code ResolvingSignatureStream} in {@code Class.getRecordComponents}, when Jackson read a
 * request record). Installed first, the agent instruments the engine's classes as they load, from their class
 * files. It does it the way Jazzer would (its own configuration, dictionary and corpus of the fuzz test), through
 * a view of the class's context that shows the class's one {@code @FuzzTest} method; Jazzer's own later call then
 * finds the agent installed and the executor prepared, and goes on as usual.
 */
public final class JazzerOutsideQuarkus implements InvocationInterceptor, BeforeAllCallback {
    private static final String JAZZER_EXTENSIONS = "com.code_intelligence.jazzer.junit.FuzzTestExtensions";
    private static final String JAZZER_EXECUTOR = "com.code_intelligence.jazzer.junit.FuzzTestExecutor";
    private static final String JAZZER_DICTIONARY = "com.code_intelligence.jazzer.junit.FuzzerDictionary";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!fuzzing(context)) return;
        Method target = Arrays.stream(context.getRequiredTestClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FuzzTest.class))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no @FuzzTest in " + context.getRequiredTestClass()));
        FuzzTest fuzzTest = target.getAnnotation(FuzzTest.class);
        Object dictionary =
                invokeStatic(JAZZER_DICTIONARY, "createDictionaryFile", new Class<?>[] {Method.class}, target);
        invokeStatic(
                JAZZER_EXECUTOR,
                "configureAndInstallAgent",
                new Class<?>[] {ExtensionContext.class, String.class, long.class, Optional.class},
                asMethodContext(context, target),
                fuzzTest.maxDuration(),
                fuzzTest.maxExecutions(),
                dictionary);
    }

    /** The class's context, seen as the context of its fuzz test method (what Jazzer reads it for). */
    private static ExtensionContext asMethodContext(ExtensionContext classContext, Method target) {
        InvocationHandler view = (proxy, method, args) -> switch (method.getName()) {
            case "getRequiredTestMethod" -> target;
            case "getTestMethod", "getElement" -> Optional.of(target);
            default -> {
                try {
                    yield method.invoke(classContext, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (ExtensionContext) Proxy.newProxyInstance(
                JazzerOutsideQuarkus.class.getClassLoader(), new Class<?>[] {ExtensionContext.class}, view);
    }

    private static Object invokeStatic(String className, String name, Class<?>[] types, Object... args)
            throws Exception {
        Method m = Class.forName(className).getDeclaredMethod(name, types);
        m.setAccessible(true);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

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
