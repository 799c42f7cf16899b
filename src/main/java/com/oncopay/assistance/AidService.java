package com.oncopay.assistance;

import com.oncopay.assistance.AidApi.CaseView;
import com.oncopay.assistance.AidApi.CycleView;
import com.oncopay.assistance.AidApi.HistoryView;
import com.oncopay.assistance.AidApi.MaterialView;
import com.oncopay.assistance.AidApi.Reminder;
import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidProgramme;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Coordinators' charity-assistance cases: materials, submission, the foundation's decision,
 * collections per cycle, reminders and forfeiture; and what a case means for the money of a
 * direct-pay fill ({@link #effect}). Every transition is checked against
 * {@link AidCaseStatus} and written to the case history and the audit log.
 */
@ApplicationScoped
public class AidService {
    static final List<String> KINDS = List.of("PERSONAL", "MEDICAL", "FINANCIAL");

    private final Pool pool;
    private final AidProgrammes programmes;
    private final AuditLog audit;
    private final Clock clock;
    private final int collectionWindowDays;

    public AidService(
            Pool pool,
            AidProgrammes programmes,
            AuditLog audit,
            Clock clock,
            @ConfigProperty(name = "oncopay.assistance.collection-window-days", defaultValue = "14")
                    int collectionWindowDays) {
        this.pool = pool;
        this.programmes = programmes;
        this.audit = audit;
        this.clock = clock;
        this.collectionWindowDays = collectionWindowDays;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    // ------------------------------------------------------------------ cases

    public Uni<CaseView> create(AidApi.CreateCase r, Caller caller) {
        if (!caller.has(Roles.COORDINATOR) && !caller.has(Roles.ADMIN)) throw new ProblemException(403, "FORBIDDEN");
        String drugId = CatalogEntry.canonicalDrugId(r.drugId());
        AidProgramme p = programmes
                .byCode(r.programCode())
                .filter(x -> x.drugIds().contains(drugId))
                .orElseThrow(() -> new ProblemException(422, "NO_AID_PROGRAMME", drugId));
        String coordinator = caller.coordinatorId() != null ? caller.coordinatorId() : caller.subject();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.withTransaction(tx -> tx.preparedQuery("select mainland_citizen from member where member_id = $1")
                        .execute(Tuple.of(r.memberId()))
                        .flatMap(rows -> {
                            if (!rows.iterator().hasNext())
                                throw new ProblemException(422, "MEMBER_NOT_FOUND", r.memberId());
                            if (!rows.iterator().next().getBoolean(0))
                                throw new ProblemException(422, "NOT_MAINLAND_CITIZEN");
                            return tx.preparedQuery(
                                            "insert into aid_case (id, member_id, drug_id, program_code, coordinator_id, status, created_at, updated_at) "
                                                    + "values ($1,$2,$3,$4,$5,'DRAFT',$6,$6)")
                                    .execute(Tuple.from(
                                            new Object[] {id, r.memberId(), drugId, p.code(), coordinator, now}));
                        })
                        .flatMap(x -> history(tx, id, caller, null, AidCaseStatus.DRAFT, "case opened")))
                .flatMap(x -> view(id));
    }

    /** The case if the caller may see it: its coordinator, ADMIN, or the member it is for; otherwise 404. */
    public Uni<CaseView> get(String caseId, Caller caller) {
        UUID id = Ids.uuidOr404(caseId);
        return forfeitDue().flatMap(x -> view(id)).map(v -> {
            visible(v.coordinatorId(), v.memberId(), caller);
            return v;
        });
    }

    private static void visible(String coordinator, String member, Caller caller) {
        if (caller.has(Roles.ADMIN)) return;
        if (caller.has(Roles.COORDINATOR) && coordinator.equals(caller.coordinatorId())) return;
        if (caller.has(Roles.MEMBER) && member.equals(caller.memberId())) return;
        throw caller.denied();
    }

    public Uni<Page<CaseView>> list(Caller caller, String status, Integer dueWithinDays, int page, int size) {
        String coordinator = caller.has(Roles.ADMIN) ? null : caller.coordinatorId();
        if (coordinator == null && !caller.has(Roles.ADMIN)) throw new ProblemException(403, "FORBIDDEN");
        LocalDate until = dueWithinDays == null ? null : today().plusDays(dueWithinDays);
        return forfeitDue()
                .flatMap(x -> pool.preparedQuery(
                                "select c.id, count(*) over () as total from aid_case c where ($1::text is null or c.coordinator_id = $1) "
                                        + "and ($2::text is null or c.status = $2) and ($3::date is null or exists (select 1 from aid_cycle y where y.case_id = c.id "
                                        + "and y.status = 'OPEN' and y.opens_on <= $3)) order by c.updated_at desc, c.id limit $4 offset $5")
                        .execute(Tuple.from(new Object[] {coordinator, status, until, size, (long) page * size})))
                .flatMap(rows -> {
                    List<Uni<CaseView>> views = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        views.add(view(r.getUUID(0)));
                        total = r.getLong("total");
                    }
                    long all = total;
                    return views.isEmpty()
                            ? Uni.createFrom().item(new Page<CaseView>(List.of(), page, size, 0))
                            : Uni.join().all(views).andFailFast().map(items -> new Page<>(items, page, size, all));
                });
    }

    public Uni<CaseView> material(String caseId, String kind, AidApi.Material m, Caller caller) {
        if (!KINDS.contains(kind)) throw ProblemException.notFound();
        return transition(caseId, caller, (tx, c) -> {
            AidCaseStatus from = c.status();
            if (from != AidCaseStatus.DRAFT && from != AidCaseStatus.PREPARING)
                throw illegal(from, AidCaseStatus.PREPARING);
            return tx.preparedQuery(
                            "insert into aid_material (case_id, kind, received, channel, note, updated_at) values ($1,$2,$3,$4,$5,$6) "
                                    + "on conflict (case_id, kind) do update set received = excluded.received, channel = excluded.channel, "
                                    + "note = excluded.note, updated_at = excluded.updated_at")
                    .execute(Tuple.from(new Object[] {
                        c.id(), kind, m.received(), m.channel().name(), m.note(), OffsetDateTime.now(clock)
                    }))
                    .replaceWith(new Move(
                            AidCaseStatus.PREPARING,
                            kind + (m.received() ? " received" : " not received") + " (" + m.channel() + ")"));
        });
    }

    public Uni<CaseView> submit(String caseId, Caller caller) {
        return transition(caseId, caller, (tx, c) -> {
            if (c.status() != AidCaseStatus.PREPARING && c.status() != AidCaseStatus.DRAFT)
                throw illegal(c.status(), AidCaseStatus.SUBMITTED);
            return tx.preparedQuery("select count(*) from aid_material where case_id = $1 and received")
                    .execute(Tuple.of(c.id()))
                    .map(rows -> {
                        if (rows.iterator().next().getLong(0) < KINDS.size())
                            throw new ProblemException(422, "MATERIALS_INCOMPLETE");
                        return new Move(AidCaseStatus.SUBMITTED, "submitted to the foundation");
                    });
        });
    }

    public Uni<CaseView> decide(String caseId, AidApi.Decision d, Caller caller) {
        return transition(caseId, caller, (tx, c) -> {
            if (c.status() != AidCaseStatus.SUBMITTED)
                throw illegal(c.status(), d.approved() ? AidCaseStatus.APPROVED : AidCaseStatus.REJECTED);
            if (!d.approved()) {
                String reason = d.reason() == null ? "OTHER" : d.reason();
                return tx.preparedQuery("update aid_case set refusal_reason = $2 where id = $1")
                        .execute(Tuple.of(c.id(), reason))
                        .replaceWith(new Move(AidCaseStatus.REJECTED, "refused by the foundation: " + reason));
            }
            AidProgramme p = programmes.byCode(c.programCode()).orElseThrow();
            FieldErrors errors = new FieldErrors();
            if (d.cycles() == null) errors.add("cycles", "REQUIRED", "number of donated cycles");
            if (d.packsPerCycle() == null) errors.add("packsPerCycle", "REQUIRED", "packs per cycle");
            if (d.pharmacyCode() == null) errors.add("pharmacyCode", "REQUIRED", "the foundation's pharmacy");
            else if (!p.pharmacies().contains(d.pharmacyCode()))
                errors.add("pharmacyCode", "UNKNOWN_VALUE", "one of " + p.pharmacies());
            errors.date("startsOn", d.startsOn()).throwIfAny();
            LocalDate start = d.startsOn() == null ? today() : d.startsOn();
            List<Tuple> cycles = new ArrayList<>();
            for (int i = 0; i < d.cycles(); i++) {
                LocalDate opens = start.plusDays((long) i * p.cycleDays());
                cycles.add(Tuple.of(c.id(), i + 1, opens, opens.plusDays(collectionWindowDays)));
            }
            return tx.preparedQuery(
                            "update aid_case set approved_cycles = $2, packs_per_cycle = $3, pharmacy_code = $4 where id = $1")
                    .execute(Tuple.of(c.id(), d.cycles(), d.packsPerCycle(), d.pharmacyCode()))
                    .flatMap(x -> tx.preparedQuery(
                                    "insert into aid_cycle (case_id, cycle, opens_on, window_ends_on, status) values ($1,$2,$3,$4,'OPEN')")
                            .executeBatch(cycles))
                    .replaceWith(new Move(
                            AidCaseStatus.APPROVED,
                            "approved: " + d.cycles() + " cycles of " + d.packsPerCycle() + " packs at "
                                    + d.pharmacyCode()));
        });
    }

    public Uni<CaseView> collect(String caseId, AidApi.Collection col, Caller caller) {
        return forfeitDue()
                .flatMap(x -> transition(caseId, caller, (tx, c) -> {
                    if (c.status() != AidCaseStatus.APPROVED && c.status() != AidCaseStatus.IN_PROGRESS)
                        throw illegal(c.status(), AidCaseStatus.IN_PROGRESS);
                    return tx.preparedQuery(
                                    "select opens_on, window_ends_on, status from aid_cycle where case_id = $1 and cycle = $2")
                            .execute(Tuple.of(c.id(), col.cycle()))
                            .flatMap(rows -> {
                                if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                                Row y = rows.iterator().next();
                                if (!"OPEN".equals(y.getString("status")))
                                    throw new ProblemException(
                                            409, "ILLEGAL_TRANSITION", y.getString("status"), "COLLECTED");
                                if (col.collectedOn().isBefore(y.getLocalDate("opens_on"))
                                        || col.collectedOn().isAfter(y.getLocalDate("window_ends_on"))
                                        || col.collectedOn().isAfter(today())) {
                                    new FieldErrors()
                                            .add(
                                                    "collectedOn",
                                                    "OUT_OF_RANGE",
                                                    y.getLocalDate("opens_on") + ".."
                                                            + y.getLocalDate("window_ends_on"))
                                            .throwIfAny();
                                }
                                return tx.preparedQuery(
                                                "update aid_cycle set status = 'COLLECTED', collected_on = $3 where case_id = $1 and cycle = $2")
                                        .execute(Tuple.of(c.id(), col.cycle(), col.collectedOn()))
                                        .flatMap(z -> tx.preparedQuery(
                                                        "select count(*) filter (where status = 'OPEN') from aid_cycle where case_id = $1")
                                                .execute(Tuple.of(c.id())))
                                        .map(open -> new Move(
                                                open.iterator().next().getLong(0) == 0
                                                        ? AidCaseStatus.COMPLETED
                                                        : AidCaseStatus.IN_PROGRESS,
                                                "cycle " + col.cycle() + " collected on " + col.collectedOn()));
                            });
                }));
    }

    public Uni<CaseView> withdraw(String caseId, Caller caller) {
        return transition(caseId, caller, (tx, c) -> {
            if (!c.status().canMoveTo(AidCaseStatus.WITHDRAWN)) throw illegal(c.status(), AidCaseStatus.WITHDRAWN);
            return Uni.createFrom().item(new Move(AidCaseStatus.WITHDRAWN, "withdrawn"));
        });
    }

    public Uni<List<Reminder>> reminders(Caller caller, int withinDays) {
        String coordinator = caller.has(Roles.ADMIN) ? null : caller.coordinatorId();
        if (coordinator == null && !caller.has(Roles.ADMIN)) throw new ProblemException(403, "FORBIDDEN");
        return forfeitDue()
                .flatMap(x -> pool.preparedQuery(
                                "select c.id, c.member_id, c.drug_id, c.program_code, y.cycle, y.opens_on, y.window_ends_on "
                                        + "from aid_cycle y join aid_case c on c.id = y.case_id where y.status = 'OPEN' and ($1::text is null or c.coordinator_id = $1) "
                                        + "and y.opens_on <= $2 order by y.opens_on, c.id")
                        .execute(Tuple.of(coordinator, today().plusDays(withinDays))))
                .map(rows -> {
                    List<Reminder> out = new ArrayList<>();
                    for (Row r : rows) {
                        List<String> materials = programmes
                                .byCode(r.getString("program_code"))
                                .map(AidProgramme::materials)
                                .orElse(List.of());
                        out.add(new Reminder(
                                r.getUUID("id").toString(),
                                r.getString("member_id"),
                                r.getString("drug_id"),
                                r.getInteger("cycle"),
                                r.getLocalDate("opens_on"),
                                r.getLocalDate("window_ends_on"),
                                materials));
                    }
                    return out;
                });
    }

    /** Cycles not collected within their window are forfeited; a case whose cycles are all settled ends. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> forfeitDue() {
        LocalDate today = today();
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "update aid_cycle set status = 'FORFEITED' where status = 'OPEN' and window_ends_on < $1 "
                                + "returning case_id")
                .execute(Tuple.of(today))
                .flatMap(rows -> {
                    List<Uni<Void>> ends = new ArrayList<>();
                    java.util.Set<UUID> cases = new java.util.LinkedHashSet<>();
                    for (Row r : rows) cases.add(r.getUUID(0));
                    for (UUID id : cases) {
                        ends.add(tx.preparedQuery("select c.status, count(*) filter (where y.status = 'OPEN') as open, "
                                        + "count(*) filter (where y.status = 'COLLECTED') as collected from aid_case c join aid_cycle y on y.case_id = c.id "
                                        + "where c.id = $1 group by c.status")
                                .execute(Tuple.of(id))
                                .flatMap(s -> {
                                    Row st = s.iterator().next();
                                    if (st.getLong("open") > 0)
                                        return Uni.createFrom().voidItem();
                                    AidCaseStatus from = AidCaseStatus.valueOf(st.getString("status"));
                                    AidCaseStatus to = st.getLong("collected") > 0
                                            ? AidCaseStatus.COMPLETED
                                            : AidCaseStatus.FORFEITED;
                                    if (!from.canMoveTo(to))
                                        return Uni.createFrom().voidItem();
                                    return tx.preparedQuery(
                                                    "update aid_case set status = $2, updated_at = now() where id = $1")
                                            .execute(Tuple.of(id, to.name()))
                                            .flatMap(z -> history(
                                                    tx,
                                                    id,
                                                    null,
                                                    from,
                                                    to,
                                                    "cycles not collected in time were forfeited"));
                                }));
                    }
                    return ends.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(ends).andFailFast().replaceWithVoid();
                }));
    }

    // ------------------------------------------------------------------ money

    /**
     * What aid means for a direct-pay fill of {@code packs} of a drug: the fill's position
     * among the member's (unreversed) dispenses of it decides whether the programme would
     * donate; the member's latest case decides who bears those packs.
     */
    public Uni<AidRule.Effect> effect(String memberId, String drugId, int packs) {
        return effect(pool, memberId, drugId, packs);
    }

    /**
     * The same, read through {@code client}: inside a money transaction pass the transaction, never
     * the pool; a second connection taken while the transaction holds one deadlocks the pool when
     * as many redemptions run at once as the pool has connections (found by the benchmark).
     */
    public Uni<AidRule.Effect> effect(
            io.vertx.mutiny.sqlclient.SqlClient client, String memberId, String drugId, int packs) {
        var programme = programmes.forDrug(drugId);
        if (programme.isEmpty()) return Uni.createFrom().item(AidRule.Effect.NONE);
        return client.preparedQuery("select m.mainland_citizen, "
                        + "(select count(*) from dispense d join prescription p on p.id = d.prescription_id where p.member_id = m.member_id "
                        + " and p.drug_id = $2 and d.kind = 'DISPENSE' and not exists (select 1 from dispense r where r.reverses = d.id)) as fills, "
                        + "(select c.status || ':' || coalesce(c.refusal_reason, '') from aid_case c where c.member_id = m.member_id and c.drug_id = $2 "
                        + " order by c.created_at desc limit 1) as latest "
                        + "from member m where m.member_id = $1")
                .execute(Tuple.of(memberId, drugId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return AidRule.Effect.NONE;
                    Row r = rows.iterator().next();
                    return AidRule.effect(
                            programme.get(),
                            r.getBoolean("mainland_citizen"),
                            (int) (r.getLong("fills") + 1),
                            packs,
                            caseState(r.getString("latest")));
                });
    }

    static AidRule.CaseState caseState(String latest) {
        if (latest == null) return AidRule.CaseState.NO_CASE;
        String[] parts = latest.split(":", -1);
        AidCaseStatus s = AidCaseStatus.valueOf(parts[0]);
        return switch (s) {
            case APPROVED, IN_PROGRESS, COMPLETED -> AidRule.CaseState.GRANTED;
            case REJECTED ->
                "INCOMPLETE_MATERIALS".equals(parts[1])
                        ? AidRule.CaseState.REFUSED_INCOMPLETE
                        : AidRule.CaseState.REFUSED_OTHER;
            case FORFEITED -> AidRule.CaseState.FORFEITED;
            case WITHDRAWN -> AidRule.CaseState.WITHDRAWN;
            case DRAFT, PREPARING, SUBMITTED -> AidRule.CaseState.OPEN;
        };
    }

    // ------------------------------------------------------------------ plumbing

    record CaseRow(UUID id, String memberId, String coordinatorId, String programCode, AidCaseStatus status) {}

    record Move(AidCaseStatus to, String note) {}

    interface Step {
        Uni<Move> apply(SqlClient tx, CaseRow c);
    }

    private Uni<CaseView> transition(String caseId, Caller caller, Step step) {
        UUID id = Ids.uuidOr404(caseId);
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "select member_id, coordinator_id, program_code, status from aid_case where id = $1 for update")
                        .execute(Tuple.of(id))
                        .flatMap(rows -> {
                            if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                            Row r = rows.iterator().next();
                            CaseRow c = new CaseRow(
                                    id,
                                    r.getString("member_id"),
                                    r.getString("coordinator_id"),
                                    r.getString("program_code"),
                                    AidCaseStatus.valueOf(r.getString("status")));
                            caller.requireCoordinatorVisible(c.coordinatorId());
                            return step.apply(tx, c).flatMap(move -> {
                                if (move.to() != c.status() && !c.status().canMoveTo(move.to()))
                                    throw illegal(c.status(), move.to());
                                return tx.preparedQuery(
                                                "update aid_case set status = $2, updated_at = $3 where id = $1")
                                        .execute(Tuple.of(id, move.to().name(), OffsetDateTime.now(clock)))
                                        .flatMap(x -> history(tx, id, caller, c.status(), move.to(), move.note()));
                            });
                        }))
                .flatMap(x -> view(id));
    }

    private Uni<Void> history(SqlClient tx, UUID id, Caller caller, AidCaseStatus from, AidCaseStatus to, String note) {
        String by = caller == null ? "system" : caller.subject();
        return tx.preparedQuery(
                        "insert into aid_case_history (case_id, at, by_actor, from_status, to_status, note) values ($1,$2,$3,$4,$5,$6)")
                .execute(Tuple.from(new Object[] {
                    id, OffsetDateTime.now(clock), by, from == null ? null : from.name(), to.name(), note
                }))
                .flatMap(x -> audit.record(
                        tx,
                        caller == null
                                ? AuditEntry.system("AID_CASE_" + to.name(), "aid_case", id.toString(), Map.of())
                                : AuditEntry.of(
                                        caller,
                                        "AID_CASE_" + to.name(),
                                        "aid_case",
                                        id.toString(),
                                        Map.of("from", String.valueOf(from)))));
    }

    private static ProblemException illegal(AidCaseStatus from, AidCaseStatus to) {
        return new ProblemException(409, "ILLEGAL_TRANSITION", from.name(), to.name());
    }

    private Uni<CaseView> view(UUID id) {
        Tuple t = Tuple.of(id);
        Uni<Row> head = pool.preparedQuery("select * from aid_case where id = $1")
                .execute(t)
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    return rows.iterator().next();
                });
        Uni<List<MaterialView>> materials = pool.preparedQuery(
                        "select kind, received, channel, note from aid_material where case_id = $1 order by kind")
                .execute(t)
                .map(rows -> {
                    List<MaterialView> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new MaterialView(
                                r.getString("kind"),
                                r.getBoolean("received"),
                                AidApi.Channel.valueOf(r.getString("channel")),
                                r.getString("note")));
                    return out;
                });
        Uni<List<CycleView>> cycles = pool.preparedQuery(
                        "select cycle, opens_on, window_ends_on, status, collected_on from aid_cycle where case_id = $1 order by cycle")
                .execute(t)
                .map(rows -> {
                    List<CycleView> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new CycleView(
                                r.getInteger("cycle"),
                                r.getLocalDate("opens_on"),
                                r.getLocalDate("window_ends_on"),
                                r.getString("status"),
                                r.getLocalDate("collected_on")));
                    return out;
                });
        Uni<List<HistoryView>> history = pool.preparedQuery(
                        "select at, by_actor, from_status, to_status, note from aid_case_history where case_id = $1 order by id")
                .execute(t)
                .map(rows -> {
                    List<HistoryView> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new HistoryView(
                                Ids.local(r.getOffsetDateTime("at")),
                                r.getString("by_actor"),
                                r.getString("from_status"),
                                r.getString("to_status"),
                                r.getString("note")));
                    return out;
                });
        return Uni.combine()
                .all()
                .unis(head, materials, cycles, history)
                .asTuple()
                .map(x -> {
                    Row c = x.getItem1();
                    String status = c.getString("status");
                    return new CaseView(
                            id.toString(),
                            c.getString("member_id"),
                            c.getString("drug_id"),
                            c.getString("program_code"),
                            c.getString("coordinator_id"),
                            status,
                            c.getInteger("approved_cycles"),
                            c.getInteger("packs_per_cycle"),
                            c.getString("pharmacy_code"),
                            c.getString("refusal_reason"),
                            x.getItem2(),
                            x.getItem3(),
                            x.getItem4(),
                            nextAction(status, x.getItem2(), x.getItem3()));
                });
    }

    static String nextAction(String status, List<MaterialView> materials, List<CycleView> cycles) {
        return switch (status) {
            case "DRAFT", "PREPARING" -> {
                Set<String> have = new java.util.HashSet<>();
                materials.stream().filter(MaterialView::received).forEach(m -> have.add(m.kind()));
                List<String> missing =
                        KINDS.stream().filter(k -> !have.contains(k)).toList();
                yield missing.isEmpty() ? "SUBMIT" : "COLLECT_MATERIALS:" + String.join(",", missing);
            }
            case "SUBMITTED" -> "AWAIT_DECISION";
            case "APPROVED", "IN_PROGRESS" ->
                cycles.stream()
                        .filter(y -> "OPEN".equals(y.status()))
                        .findFirst()
                        .map(y -> "COLLECT_CYCLE:" + y.cycle())
                        .orElse("NONE");
            case "REJECTED" -> "DIRECT_PAY";
            default -> "NONE";
        };
    }
}
