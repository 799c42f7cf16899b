package com.oncopay.platform.metrics;

import com.oncopay.platform.idempotency.IdempotencyStore;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts from what the answers say, so that no resource carries this metrics code: the eligibility and
 * catalog caches ({@code X-Cache}), idempotent replays ({@code Idempotent-Replayed}) and rate-limited
 * requests (429).
 */
public class MeteringFilter {
    private final Meters meters;

    public MeteringFilter(Meters meters) {
        this.meters = meters;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status == 429) {
            meters.rateLimited();
            return;
        }
        if ("true".equals(response.getHeaderString(IdempotencyStore.REPLAYED_HEADER))) {
            meters.idempotentReplay();
            return;
        }
        if (status >= 300) return;
        String cache = response.getHeaderString("X-Cache");
        if (cache != null)
            meters.cacheLookup(
                    request.getUriInfo().getPath().endsWith("/eligibility") ? "eligibility" : "catalog", cache);
    }
}
