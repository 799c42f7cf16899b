package com.oncopay.platform.metrics;

import com.oncopay.platform.db.PoolTurns;
import com.oncopay.platform.idempotency.IdempotencyStore;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Counts from what the answers say, so that no resource carries this metrics code: the eligibility and
 * catalog caches ({@code X-Cache}), idempotent replays ({@code Idempotent-Replayed}) and rate-limited
 * requests (429); and the database pool's turns each request took ({@link PoolTurns}).
 * It reads the answer's headers as they were set: {@code getHeaderString} would first copy all of them into a map of
 * strings, for every answer.
 */
public class MeteringFilter {
    private final Meters meters;

    public MeteringFilter(Meters meters) {
        this.meters = meters;
    }

    @ServerResponseFilter
    public void count(HttpServerRequest request, ContainerResponseContext response, SimpleResourceInfo resource) {
        int turns = PoolTurns.ofCurrentRequest();
        if (turns > 0 && resource != null && resource.getResourceClass() != null)
            meters.poolTurns(resource.getResourceClass(), resource.getMethodName(), turns);
        int status = response.getStatus();
        if (status == 429) {
            meters.rateLimited();
            return;
        }
        var headers = response.getHeaders();
        if ("true".equals(header(headers, IdempotencyStore.REPLAYED_HEADER))) {
            meters.idempotentReplay();
            return;
        }
        if (status >= 300) return;
        String cache = header(headers, "X-Cache");
        if (cache != null)
            meters.cacheLookup(request.path().endsWith("/eligibility") ? "eligibility" : "catalog", cache);
    }

    private static String header(jakarta.ws.rs.core.MultivaluedMap<String, Object> headers, String name) {
        Object value = headers.getFirst(name);
        return value == null ? null : value.toString();
    }
}
