package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * #19 item 6, the guard: every action (POST/PUT/DELETE/PATCH) of every resource that takes no request body must accept
 * an empty request whatever Content-Type a client puts on it, i.e. carry no {@code @Consumes} (own or inherited from its
 * class) other than {@code *}{@code /*}.
 * It also finds every such action, so that one added later is called by {@link BodilessActionsTest} too.
 */
class BodilessActionsGuardTest {
    private static final Set<Class<? extends Annotation>> NOT_A_BODY = Set.of(
            PathParam.class,
            QueryParam.class,
            HeaderParam.class,
            CookieParam.class,
            MatrixParam.class,
            FormParam.class,
            BeanParam.class,
            Context.class);
    private static final Set<Class<?>> CONTEXT_TYPES = Set.of(
            HttpHeaders.class,
            UriInfo.class,
            Request.class,
            SecurityContext.class,
            io.vertx.core.http.HttpServerRequest.class,
            io.vertx.ext.web.RoutingContext.class);

    record Action(String verb, String path, Method method, String[] consumes) {}

    static List<Action> bodilessActions() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        List<Action> out = new ArrayList<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> s = Files.walk(root.resolve("com/oncopay"))) {
            files = s.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path f : files) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> c = Class.forName(name, false, BodilessActionsGuardTest.class.getClassLoader());
            Path classPath = c.getAnnotation(Path.class);
            if (classPath == null) continue;
            for (Method m : c.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null || takesABody(m)) continue;
                Path p = m.getAnnotation(Path.class);
                String path = join(classPath.value(), p == null ? "" : p.value());
                Consumes consumes = m.isAnnotationPresent(Consumes.class)
                        ? m.getAnnotation(Consumes.class)
                        : c.getAnnotation(Consumes.class);
                out.add(new Action(verb, path, m, consumes == null ? new String[0] : consumes.value()));
            }
        }
        return out;
    }

    private static String verb(Method m) {
        if (m.isAnnotationPresent(POST.class)) return "POST";
        if (m.isAnnotationPresent(PUT.class)) return "PUT";
        if (m.isAnnotationPresent(DELETE.class)) return "DELETE";
        if (m.isAnnotationPresent(PATCH.class)) return "PATCH";
        return null;
    }

    private static boolean takesABody(Method m) {
        for (Parameter p : m.getParameters()) {
            boolean named = Stream.of(p.getAnnotations())
                    .anyMatch(a -> NOT_A_BODY.contains(a.annotationType())
                            || a.annotationType().getName().startsWith("org.jboss.resteasy.reactive.Rest"));
            if (!named && !CONTEXT_TYPES.contains(p.getType())) return true;
        }
        return false;
    }

    private static String join(String a, String b) {
        String s = ("/" + a + "/" + b).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Test
    void no_action_without_a_body_insists_on_a_content_type() throws Exception {
        List<String> rejecting = bodilessActions().stream()
                .filter(a -> a.consumes().length > 0 && !List.of(a.consumes()).contains(MediaType.WILDCARD))
                .map(a -> a.verb() + " " + a.path() + " ("
                        + a.method().getDeclaringClass().getSimpleName() + "."
                        + a.method().getName() + " @Consumes " + List.of(a.consumes()) + ")")
                .toList();
        assertEquals(
                List.of(),
                rejecting,
                "these actions take no body but would answer 415 to an empty POST whose client adds a Content-Type"
                        + " (curl -X POST -d '' sends application/x-www-form-urlencoded):"
                        + " add @Consumes(MediaType.WILDCARD) to the method");
    }

    @Test
    void every_bodiless_action_is_called_without_a_body_by_the_api_test() throws Exception {
        Set<String> found = new TreeSet<>();
        for (Action a : bodilessActions()) found.add(a.verb() + " " + a.path());
        assertTrue(found.size() >= 5, found.toString());
        assertEquals(
                new TreeSet<>(BodilessActionsTest.ACTIONS),
                found,
                "a bodiless action was added or removed: call it in BodilessActionsTest without a body");
    }
}
