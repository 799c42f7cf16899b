package com.oncopay.dispatch;

import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Params;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A pharmacy's dispatch stream: SSE (resumable with Last-Event-ID) or JSON catch-up. */
@Path("/pharmacies/{code}/dispatch-events")
@Tag(name = "Dispatch")
public class DispatchResource {
    private final DispatchStream stream;
    private final CurrentCaller caller;

    public DispatchResource(DispatchStream stream, CurrentCaller caller) {
        this.stream = stream;
        this.caller = caller;
    }

    private void own(String code) {
        var c = caller.get();
        if (!(c.has(Roles.PHARMACY) && code.equals(c.pharmacyId()))) throw c.denied();
    }

    @GET
    @RolesAllowed(Roles.PHARMACY)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> sse(
            @PathParam("code") String code,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after,
            @Context Sse sse) {
        own(code);
        long from =
                position(lastEventId != null ? lastEventId : after, lastEventId != null ? "Last-Event-ID" : "after");
        return stream.live(code, from).map(item -> sse(sse, item));
    }

    /** The comment a stream ends with when this replica shuts down. */
    static final String CLOSING = "shutting down, reconnect with Last-Event-ID";

    static OutboundSseEvent sse(Sse sse, DispatchStream.Item item) {
        if (item.closing())
            return sse.newEventBuilder().comment(CLOSING).reconnectDelay(1000).build();
        if (item.event() == null)
            return sse.newEventBuilder().comment("keepalive").build();
        return sse.newEventBuilder()
                .id(Long.toString(item.event().id()))
                .name(item.event().event())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(item.event().data().encode())
                .build();
    }

    @GET
    @RolesAllowed(Roles.PHARMACY)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, List<Map<String, Object>>>> catchUp(
            @PathParam("code") String code, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        own(code);
        return stream.after(code, position(after, "after"), Params.integer("limit", limit, 1, 1000, 100))
                .map(events -> Map.of(
                        "events",
                        events.stream()
                                .map(e -> Map.<String, Object>of(
                                        "id",
                                        e.id(),
                                        "event",
                                        e.event(),
                                        "data",
                                        e.data().getMap()))
                                .toList()));
    }

    private static long position(String value, String name) {
        if (value == null || value.isBlank()) return 0;
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw Params.invalid(name, "WRONG_TYPE", "PARAM_EVENT_ID");
    }
}
