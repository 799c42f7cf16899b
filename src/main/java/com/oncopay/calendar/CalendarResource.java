package com.oncopay.calendar;

import com.oncopay.calendar.domain.CalendarFile;
import com.oncopay.calendar.domain.CalendarYear;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Page;
import com.oncopay.platform.web.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The business-day calendar: the years loaded from the State Council's notices, and loading next year's. */
@Path("/calendar")
@Tag(name = "Business-day calendar")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CalendarResource {
    public static final String TSV = "text/tab-separated-values";

    private final CalendarService service;
    private final CurrentCaller caller;

    public CalendarResource(CalendarService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record NoticeView(String title, LocalDate publishedOn) {}

    public record DayView(LocalDate date, String kind, String note) {}

    public record YearSummary(int year, String status, NoticeView notice) {}

    public record YearView(
            int year,
            String status,
            NoticeView notice,
            List<LocalDate> holidays,
            List<LocalDate> workdays,
            List<DayView> days) {}

    public record LoadView(
            int year,
            String status,
            String outcome,
            NoticeView notice,
            List<LocalDate> holidays,
            List<LocalDate> workdays,
            Map<String, Integer> recomputed) {}

    @GET
    public Page<YearSummary> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int[] p = Page.params(page, size, 50);
        return service.years(p[0], p[1])
                .map(y -> new YearSummary(y.year(), y.status().name(), notice(y)));
    }

    @GET
    @Path("/{year}")
    public YearView get(@PathParam("year") String year) {
        CalendarYear y = service.year(year(year));
        return new YearView(
                y.year(),
                y.status().name(),
                notice(y),
                y.holidays(),
                y.workdays(),
                y.inOrder().stream()
                        .map(d -> new DayView(d.date(), d.kind().name(), d.note()))
                        .toList());
    }

    @PUT
    @Path("/{year}")
    @Consumes(TSV)
    public Uni<LoadView> put(@PathParam("year") String year, String body) {
        int y = year(year);
        return Uni.createFrom()
                .deferred(() -> service.load(y, body == null ? "" : body, caller.get()))
                .onFailure(CalendarFile.Invalid.class)
                .transform(e -> malformed((CalendarFile.Invalid) e))
                .map(l -> new LoadView(
                        l.year().year(),
                        l.year().status().name(),
                        l.outcome().name(),
                        notice(l.year()),
                        l.year().holidays(),
                        l.year().workdays(),
                        l.recomputed()));
    }

    private static int year(String year) {
        return Params.integer("year", year, 1900, 2100, null);
    }

    private static NoticeView notice(CalendarYear y) {
        return y.notice().map(n -> new NoticeView(n.title(), n.publishedOn())).orElse(null);
    }

    static ProblemException malformed(CalendarFile.Invalid e) {
        List<Problem.FieldError> errors = e.problems().stream()
                .map(p -> new Problem.FieldError("line " + p.line(), "INVALID", p.message()))
                .toList();
        return new ProblemException(
                400,
                "CALENDAR_MALFORMED",
                errors,
                List.of(),
                Map.of(),
                errors.size(),
                e.problems().get(0).toString());
    }
}
