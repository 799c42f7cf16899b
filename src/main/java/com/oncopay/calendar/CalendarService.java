package com.oncopay.calendar;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.calendar.domain.CalendarFile;
import com.oncopay.calendar.domain.CalendarYear;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Loading a year's holiday notice, and reading the calendar as the engine uses it. */
@ApplicationScoped
public class CalendarService {
    public enum Outcome {
        CREATED,
        REPLACED,
        UNCHANGED
    }

    /** A load's result: the year as stored, and how many open items got new dates. */
    public record Loaded(CalendarYear year, Outcome outcome, Map<String, Integer> recomputed) {}

    private final Transactions transactions;
    private final CalendarRepository repository;
    private final CalendarRegistry registry;
    private final AuditLog audit;
    private final Instance<OpenDueDates> openItems;
    private final Clock clock;

    public CalendarService(
            Transactions transactions,
            CalendarRepository repository,
            CalendarRegistry registry,
            AuditLog audit,
            Instance<OpenDueDates> openItems,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.registry = registry;
        this.audit = audit;
        this.openItems = openItems;
        this.clock = clock;
    }

    /**
     * Stores {@code text} as the official notice of {@code year}, in one transaction with its audit
     * row and the recomputed dates of open items; unchanged content changes nothing.
     *
     * @throws CalendarFile.Invalid with every problem and its line, before anything is stored
     */
    public Uni<Loaded> load(int year, String text, Caller caller) {
        CalendarYear parsed = CalendarFile.parse(year, text);
        String sha = CalendarRegistry.sha256(text);
        return transactions
                .inTransaction(tx -> repository.lockSourceHash(tx, year).flatMap(previous -> {
                    if (previous.isPresent() && previous.get().equals(sha)) {
                        return Uni.createFrom().item(new Loaded(parsed, Outcome.UNCHANGED, Map.of()));
                    }
                    BusinessCalendar next = registry.current().withOfficial(parsed);
                    Map<String, Integer> recomputed = new LinkedHashMap<>();
                    return repository
                            .replace(tx, parsed, text, sha, caller.subject())
                            .flatMap(v -> Multi.createFrom()
                                    .iterable(openItems.stream().toList())
                                    .onItem()
                                    .transformToUniAndConcatenate(
                                            o -> o.recompute(tx, next).invoke(n -> recomputed.put(o.items(), n)))
                                    .collect()
                                    .last())
                            .flatMap(v -> {
                                Outcome outcome = previous.isPresent() ? Outcome.REPLACED : Outcome.CREATED;
                                Map<String, Object> detail = new LinkedHashMap<>();
                                detail.put("outcome", outcome.name());
                                detail.put("holidays", parsed.holidays().size());
                                detail.put("workdays", parsed.workdays().size());
                                detail.put(
                                        "notice",
                                        parsed.notice()
                                                .map(CalendarYear.Notice::title)
                                                .orElse(""));
                                detail.put("sha256", sha);
                                detail.put("previousSha256", previous.orElse(""));
                                detail.put("recomputed", recomputed);
                                return audit.record(
                                                tx,
                                                AuditEntry.of(
                                                        caller,
                                                        "CALENDAR_YEAR_LOADED",
                                                        "calendar_year",
                                                        String.valueOf(year),
                                                        detail))
                                        .replaceWith(new Loaded(parsed, outcome, Map.copyOf(recomputed)));
                            });
                }))
                .call(loaded -> loaded.outcome() == Outcome.UNCHANGED
                        ? Uni.createFrom().voidItem()
                        : registry.refresh().call(c -> registry.nudgeReplicas(year)));
    }

    public CalendarYear year(int year) {
        return registry.current().year(year);
    }

    /** Every year from the first loaded one (or this year) to next year, or to the last loaded one if later. */
    public Page<CalendarYear> years(int page, int size) {
        BusinessCalendar c = registry.current();
        int thisYear = LocalDate.now(clock).getYear();
        List<Integer> official = c.officialYears();
        int first = official.isEmpty() ? thisYear : Math.min(official.get(0), thisYear);
        int last = Math.max(thisYear + 1, official.isEmpty() ? thisYear : official.get(official.size() - 1));
        List<Integer> all = IntStream.rangeClosed(first, last).boxed().toList();
        List<CalendarYear> items =
                all.stream().skip((long) page * size).limit(size).map(c::year).toList();
        return new Page<>(items, page, size, all.size());
    }
}
