package com.oncopay.prescription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.AidService;
import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.catalog.domain.ClinicalFacts;
import com.oncopay.catalog.domain.IndicationResult;
import com.oncopay.coverage.EligibilityService;
import com.oncopay.coverage.ReferenceDataService;
import com.oncopay.coverage.domain.Eligibility;
import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.ProductTerms;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import com.oncopay.prescription.PrescriptionApi.Estimate;
import com.oncopay.prescription.PrescriptionApi.EstimateRequest;
import com.oncopay.prescription.PrescriptionApi.PrescriptionView;
import com.oncopay.prescription.PrescriptionApi.ReviewRequest;
import com.oncopay.prescription.PrescriptionApi.SubmitRequest;
import com.oncopay.prescription.domain.PrescriptionRules;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Submission, review and estimate of specialty-drug prescriptions. A submission runs every
 * check ({@link PrescriptionRules}, {@link Eligibility}, the drug's indication rule) and
 * stores the decision with everything it used (catalog version, tier, product ratios,
 * eligibility snapshot) so that it can be explained and re-run.
 */
@ApplicationScoped
public class PrescriptionService {
    public static final String DIAGNOSIS_CONTEXT = "prescription.diagnosis";
    public static final String CLINICAL_CONTEXT = "prescription.clinical";

    private final Pool pool;
    private final EligibilityService eligibility;
    private final CatalogService catalog;
    private final CalendarRegistry calendars;
    private final PrescriptionConfig config;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final MoneyEngine money;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AidService aid;

    public PrescriptionService(
            AidService aid,
            Pool pool,
            EligibilityService eligibility,
            CatalogService catalog,
            CalendarRegistry calendars,
            PrescriptionConfig config,
            FieldCipher cipher,
            AuditLog audit,
            MoneyEngine money,
            ObjectMapper mapper,
            Clock clock) {
        this.aid = aid;
        this.pool = pool;
        this.eligibility = eligibility;
        this.catalog = catalog;
        this.calendars = calendars;
        this.config = config;
        this.cipher = cipher;
        this.audit = audit;
        this.money = money;
        this.mapper = mapper;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ submission

    /**
     * Checks a submission and returns the instant it counts as received; nothing is stored yet.
     * The resource then applies idempotency around {@link #submit}.
     */
    public ZonedDateTime accept(SubmitRequest r, Caller caller) {
        caller.requireMemberVisible(r.memberId());
        if (r.receivedAt() != null && !caller.has(Roles.ADMIN)) throw new ProblemException(403, "FORBIDDEN");
        ZonedDateTime received = (r.receivedAt() == null
                        ? ZonedDateTime.now(clock)
                        : r.receivedAt().toZonedDateTime())
                .withZoneSameInstant(BusinessCalendar.ZONE);
        LocalDate receivedOn = received.toLocalDate();
        FieldErrors errors = new FieldErrors().date("prescribedOn", r.prescribedOn());
        if (r.prescribedOn().isAfter(receivedOn))
            errors.add("prescribedOn", "INVALID", "must not be after the day the application is received");
        if (received.getYear() < 1900 || received.getYear() > 2100)
            errors.add("receivedAt", "OUT_OF_RANGE", "1900..2100");
        if (received.isAfter(ZonedDateTime.now(clock).plusMinutes(5)))
            errors.add("receivedAt", "INVALID", "must not be in the future");
        errors.throwIfAny();
        return received;
    }

    /** Decides and stores a submission {@link #accept accepted} as received at {@code received}. */
    public Uni<StoredPrescription> submit(SubmitRequest r, Caller caller, ZonedDateTime received) {
        LocalDate on = received.toLocalDate();
        String drugId = CatalogEntry.canonicalDrugId(r.drugId());
        Uni<Optional<DrugView>> drug = catalog.drug(drugId, on)
                .map(c -> Optional.of(c.value()))
                .onFailure(ProblemException.class)
                .recoverWithItem(Optional.empty());
        // every read over one connection, sent together: one round trip instead of seven connections. The catalog entry
        // is resolved first: on a cache miss it reads PostgreSQL through the pool, and a second connection taken while
        // this one is held deadlocks the pool once as many submissions run at once as it has connections (bench/ found
        // it)
        return drug.flatMap(d -> pool.withConnection(conn -> {
                    Uni<byte[]> memberIdHash = conn.preparedQuery(
                                    "select id_number_hash from member where member_id = $1")
                            .execute(Tuple.of(r.memberId()))
                            .map(rows -> rows.iterator().hasNext()
                                    ? rows.iterator().next().getBuffer(0).getBytes()
                                    : null);
                    Uni<Boolean> hospitalKnown = conn.preparedQuery("select 1 from hospital where code = $1")
                            .execute(Tuple.of(r.hospitalCode()))
                            .map(rows -> rows.iterator().hasNext());
                    Uni<List<Prior>> priors = conn.preparedQuery(
                                    "select molecule_key, status, dispensed_on, days_supply from prescription where member_id = $1")
                            .execute(Tuple.of(r.memberId()))
                            .map(rows -> {
                                List<Prior> out = new ArrayList<>();
                                for (Row p : rows)
                                    out.add(new Prior(
                                            p.getString("molecule_key"),
                                            p.getString("status"),
                                            p.getLocalDate("dispensed_on"),
                                            p.getInteger("days_supply")));
                                return out;
                            });
                    return Uni.combine()
                            .all()
                            .unis(
                                    eligibility.facts(conn, r.memberId()),
                                    Uni.createFrom().item(d),
                                    memberIdHash,
                                    hospitalKnown,
                                    priors)
                            .asTuple();
                }))
                .flatMap(t -> {
                    EligibilityService.MemberFacts facts = t.getItem1();
                    Optional<DrugView> d = t.getItem2();
                    if (!t.getItem4())
                        new FieldErrors()
                                .add("hospitalCode", "UNKNOWN_VALUE", "no hospital with this code")
                                .throwIfAny();
                    Optional<PolicyTerm> policy = Eligibility.inForce(facts.policies(), on);
                    Eligibility.Result elig = facts.evaluate(on, d);

                    int age =
                            Period.between(facts.birthDate(), r.prescribedOn()).getYears();
                    PrescriptionApi.Clinical c = r.clinical();
                    Integer priorLines = c == null
                            ? null
                            : c.priorLines() != null
                                    ? c.priorLines()
                                    : c.lineOfTherapy() == null ? null : c.lineOfTherapy() - 1;
                    ClinicalFacts clinical = new ClinicalFacts(
                            age,
                            r.diagnosisIcd10(),
                            priorLines,
                            c == null ? null : c.diseaseStatus(),
                            c == null ? null : c.monthsToRelapse(),
                            c == null ? null : c.priorTherapies(),
                            c == null ? null : c.biomarkers());
                    IndicationResult indication = d.map(v -> catalog.rules().evaluate(v.indicationRule(), clinical))
                            .orElse(IndicationResult.NO_RESTRICTION);

                    PrescriptionRules.Decision decision = PrescriptionRules.decide(new PrescriptionRules.Input(
                            on,
                            r.prescribedOn(),
                            r.validDays() == null ? 1 : r.validDays(),
                            r.daysSupply(),
                            d.map(DrugView::maxDaysSupply).orElse(null),
                            d.map(DrugView::moleculeKey).orElse(null),
                            elig.reasons(),
                            PrescriptionRules.IndicationOutcome.valueOf(
                                    indication.status().name()),
                            applicant(r.applicant(), t.getItem3()),
                            facts.birthDate(),
                            t.getItem5().stream().map(Prior::rule).toList()));

                    boolean firstClaim = t.getItem5().isEmpty();
                    DueDates due = decision.status() == PrescriptionRules.Status.PENDING_REVIEW
                            ? dueDates(calendars.current(), received, firstClaim)
                            : DueDates.NONE;
                    ProductTerms product = policy.map(p -> facts.products().get(p.productCode()))
                            .orElse(null);
                    Map<String, Object> inputs = new LinkedHashMap<>();
                    inputs.put("catalogVersion", d.map(DrugView::catalogVersion).orElse(null));
                    inputs.put("tier", d.map(DrugView::tier).orElse(null));
                    inputs.put("productCode", product == null ? null : product.code());
                    inputs.put("ratios", product == null ? Map.of() : ratioTable(product));
                    inputs.put(
                            "eligibility",
                            Map.of(
                                    "reasons",
                                    elig.reasons(),
                                    "waitingPeriodEndsOn",
                                    String.valueOf(elig.waitingPeriodEndsOn()),
                                    "sumInsuredRemainingFen",
                                    String.valueOf(elig.sumInsuredRemainingFen()),
                                    "deductibleRemainingFen",
                                    String.valueOf(elig.deductibleRemainingFen())));
                    inputs.put(
                            "indication",
                            Map.of(
                                    "rule",
                                    d.map(DrugView::indicationRule)
                                            .map(String::valueOf)
                                            .orElse(""),
                                    "status",
                                    indication.status().name(),
                                    "reasons",
                                    indication.reasons(),
                                    "missingFacts",
                                    indication.missingFacts()));
                    inputs.put("receivedOn", on.toString());
                    StoredPrescription p = new StoredPrescription(
                            UUID.randomUUID(),
                            r.memberId(),
                            policy.map(PolicyTerm::policyNumber).orElse(null),
                            product == null ? null : product.code(),
                            drugId,
                            d.map(DrugView::moleculeKey).orElse(null),
                            d.map(DrugView::catalogVersion).orElse(null),
                            d.map(DrugView::tier).orElse(null),
                            r.packs(),
                            r.daysSupply(),
                            r.prescribedOn(),
                            decision.status().name(),
                            decision.reasons(),
                            indication.missingFacts(),
                            received.toOffsetDateTime(),
                            due.review(),
                            due.investigation(),
                            due.provisional(),
                            decision.status() == PrescriptionRules.Status.PENDING_REVIEW
                                    ? null
                                    : OffsetDateTime.now(clock));
                    return insert(p, r, clinical, firstClaim, inputs, caller).replaceWith(p);
                });
    }

    private Uni<Void> insert(
            StoredPrescription p,
            SubmitRequest r,
            ClinicalFacts clinical,
            boolean firstClaim,
            Map<String, Object> inputs,
            Caller caller) {
        String clinicalJson;
        try {
            clinicalJson = mapper.writeValueAsString(clinical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Tuple row = Tuple.from(new Object[] {
            p.id(),
            p.memberId(),
            p.policyNumber(),
            p.productCode(),
            p.drugId(),
            p.moleculeKey(),
            p.catalogVersion(),
            p.tier() == null ? null : p.tier().shortValue(),
            p.packs(),
            p.daysSupply(),
            p.prescribedOn(),
            r.validDays() == null ? 1 : r.validDays(),
            r.prescriberName(),
            r.hospitalCode(),
            Buffer.buffer(cipher.encrypt(r.diagnosisIcd10(), DIAGNOSIS_CONTEXT, p.id().toString())),
            Buffer.buffer(cipher.encrypt(clinicalJson, CLINICAL_CONTEXT, p.id().toString())),
            r.applicant() == null ? "SELF" : r.applicant().relation().name(),
            p.status(),
            new JsonArray(new ArrayList<>(p.reasons())),
            new JsonObject(inputs).put("missingFacts", new JsonArray(new ArrayList<>(p.missingFacts()))),
            firstClaim,
            p.receivedAt(),
            p.reviewDueBy(),
            p.investigationDueBy(),
            p.calendarProvisional(),
            p.decidedAt(),
            p.decidedAt() == null ? null : "engine",
            caller.subject()
        });
        return pool.withTransaction(tx -> Pipeline.inOrder(
                tx.preparedQuery(
                                "insert into prescription (id, member_id, policy_number, product_code, drug_id, molecule_key, "
                                        + "catalog_version, tier, packs, days_supply, prescribed_on, valid_days, prescriber_name, hospital_code, diagnosis_enc, clinical_enc, "
                                        + "applicant_relation, status, reasons, decision_inputs, first_claim, received_at, review_due_by, investigation_due_by, calendar_provisional, "
                                        + "decided_at, decided_by, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,"
                                        + "$24,$25,$26,$27,$28)")
                        .execute(row),
                audit.record(
                        tx,
                        AuditEntry.of(
                                caller,
                                "PRESCRIPTION_DECIDED",
                                "prescription",
                                p.id().toString(),
                                Map.of(
                                        "status",
                                        p.status(),
                                        "reasons",
                                        p.reasons(),
                                        "catalogVersion",
                                        String.valueOf(p.catalogVersion()))))));
    }

    private PrescriptionRules.Applicant applicant(PrescriptionApi.Applicant a, byte[] memberIdHash) {
        if (a == null) return PrescriptionRules.Applicant.SELF;
        String id = a.idNumber().strip().toUpperCase(Locale.ROOT);
        boolean identity = memberIdHash != null
                && MessageDigest.isEqual(memberIdHash, cipher.lookupHash(ReferenceDataService.ID_HASH_PURPOSE, id));
        return new PrescriptionRules.Applicant(
                a.relation(),
                identity,
                Boolean.TRUE.equals(a.powerOfAttorney()),
                Boolean.TRUE.equals(a.bothIdentityDocuments()),
                Boolean.TRUE.equals(a.guardianshipProof()),
                Boolean.TRUE.equals(a.incapacityProof()));
    }

    private static Map<String, Integer> ratioTable(ProductTerms product) {
        Map<String, Integer> out = new LinkedHashMap<>();
        product.ratios().forEach((k, v) -> out.put("tier" + k.tier() + (k.socialInsuranceUsed() ? ".si" : ".noSi"), v));
        return out;
    }

    /** An earlier prescription of the member, as the refill and duplicate rules see it. */
    record Prior(String moleculeKey, String status, LocalDate dispensedOn, int daysSupply) {
        PrescriptionRules.Prior rule() {
            PrescriptionRules.PriorState state = switch (PrescriptionStatus.valueOf(status)) {
                case PENDING_REVIEW, INFO_REQUESTED, APPROVED -> PrescriptionRules.PriorState.OPEN;
                case DISPENSED -> PrescriptionRules.PriorState.DISPENSED;
                case REJECTED, CANCELLED -> PrescriptionRules.PriorState.CLOSED;
            };
            return new PrescriptionRules.Prior(moleculeKey == null ? "" : moleculeKey, state, dispensedOn, daysSupply);
        }
    }

    /** A prescription as stored, without its encrypted fields. */
    public record StoredPrescription(
            UUID id,
            String memberId,
            String policyNumber,
            String productCode,
            String drugId,
            String moleculeKey,
            Integer catalogVersion,
            Integer tier,
            int packs,
            int daysSupply,
            LocalDate prescribedOn,
            String status,
            List<String> reasons,
            List<String> missingFacts,
            OffsetDateTime receivedAt,
            OffsetDateTime reviewDueBy,
            OffsetDateTime investigationDueBy,
            boolean calendarProvisional,
            OffsetDateTime decidedAt) {}

    /** The review and claim-investigation due dates of a prescription that needs review, counted in business days from its receipt. */
    record DueDates(OffsetDateTime review, OffsetDateTime investigation, boolean provisional) {
        static final DueDates NONE = new DueDates(null, null, false);
    }

    DueDates dueDates(BusinessCalendar calendar, ZonedDateTime received, boolean firstClaim) {
        BusinessCalendar.Deadline review = calendar.endOfNthBusinessDayAfter(received, 1);
        BusinessCalendar.Deadline investigation = calendar.endOfNthBusinessDayAfter(
                received, firstClaim ? config.firstClaimInvestigationDays() : config.laterClaimInvestigationDays());
        return new DueDates(
                review.at().toOffsetDateTime(),
                investigation.at().toOffsetDateTime(),
                review.provisional() || investigation.provisional());
    }

    static final String SELECT =
            "select id, member_id, policy_number, product_code, drug_id, molecule_key, catalog_version, tier, packs, days_supply, "
                    + "prescribed_on, status, reasons, decision_inputs -> 'missingFacts' as missing, received_at, review_due_by, investigation_due_by, calendar_provisional, decided_at "
                    + "from prescription ";

    static StoredPrescription stored(Row r) {
        List<String> reasons = new ArrayList<>();
        Object rs = r.getValue("reasons");
        if (rs instanceof JsonArray a) a.forEach(x -> reasons.add(String.valueOf(x)));
        List<String> missing = new ArrayList<>();
        Object ms = r.getValue("missing");
        if (ms instanceof JsonArray a) a.forEach(x -> missing.add(String.valueOf(x)));
        Short tier = r.getShort("tier");
        return new StoredPrescription(
                r.getUUID("id"),
                r.getString("member_id"),
                r.getString("policy_number"),
                r.getString("product_code"),
                r.getString("drug_id"),
                r.getString("molecule_key"),
                r.getInteger("catalog_version"),
                tier == null ? null : tier.intValue(),
                r.getInteger("packs"),
                r.getInteger("days_supply"),
                r.getLocalDate("prescribed_on"),
                r.getString("status"),
                reasons,
                missing,
                r.getOffsetDateTime("received_at"),
                r.getOffsetDateTime("review_due_by"),
                r.getOffsetDateTime("investigation_due_by"),
                r.getBoolean("calendar_provisional"),
                r.getOffsetDateTime("decided_at"));
    }

    public PrescriptionView view(StoredPrescription p, Locale locale) {
        List<Problem.Reason> reasons = p.reasons().stream()
                .map(c -> new Problem.Reason(c, Messages.title(locale, c)))
                .toList();
        boolean overdue = p.reviewDueBy() != null
                && PrescriptionStatus.valueOf(p.status()).inQueue()
                && OffsetDateTime.now(clock).isAfter(p.reviewDueBy());
        return new PrescriptionView(
                p.id().toString(),
                p.memberId(),
                p.drugId(),
                p.packs(),
                p.daysSupply(),
                p.prescribedOn(),
                p.status(),
                reasons,
                p.missingFacts(),
                p.tier(),
                p.catalogVersion(),
                p.policyNumber(),
                Ids.local(p.receivedAt()),
                Ids.local(p.reviewDueBy()),
                Ids.local(p.investigationDueBy()),
                p.calendarProvisional(),
                overdue,
                Ids.local(p.decidedAt()));
    }

    // ------------------------------------------------------------------ reads

    /** The prescription if the caller may see it; otherwise 404 as if it did not exist. */
    public Uni<StoredPrescription> find(String id, Caller caller, String... staffRoles) {
        UUID uuid = Ids.uuidOr404(id);
        return pool.preparedQuery(SELECT + "where id = $1")
                .execute(Tuple.of(uuid))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    StoredPrescription p = stored(rows.iterator().next());
                    caller.requireMemberVisible(p.memberId(), staffRoles);
                    return p;
                });
    }

    public Uni<Page<StoredPrescription>> forMember(String memberId, int page, int size) {
        return pool.preparedQuery(SELECT.replace("from prescription ", ", count(*) over () as total from prescription ")
                        + "where member_id = $1 order by received_at desc, id limit $2 offset $3")
                .execute(Tuple.of(memberId, size, (long) page * size))
                .map(rows -> page(rows, page, size));
    }

    public Uni<Page<StoredPrescription>> queue(int page, int size) {
        return pool.preparedQuery(
                        SELECT.replace("from prescription ", ", count(*) over () as total from prescription ")
                                + "where status in ('PENDING_REVIEW', 'INFO_REQUESTED') order by review_due_by, received_at, id limit $1 offset $2")
                .execute(Tuple.of(size, (long) page * size))
                .map(rows -> page(rows, page, size));
    }

    private static Page<StoredPrescription> page(io.vertx.mutiny.sqlclient.RowSet<Row> rows, int page, int size) {
        List<StoredPrescription> items = new ArrayList<>();
        long total = 0;
        for (Row r : rows) {
            items.add(stored(r));
            total = r.getLong("total");
        }
        return new Page<>(items, page, size, total);
    }

    // ------------------------------------------------------------------ review

    public Uni<StoredPrescription> review(String id, ReviewRequest r, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        if (r.decision() == PrescriptionStatus.ReviewDecision.REJECT && r.reasonCode() == null) {
            new FieldErrors()
                    .add("reasonCode", "REQUIRED", "a reason code is needed to reject")
                    .throwIfAny();
        }
        PrescriptionStatus next = PrescriptionStatus.afterReview(r.decision());
        String to = next.name();
        boolean final_ = next != PrescriptionStatus.INFO_REQUESTED;
        return pool.withTransaction(tx -> tx.preparedQuery("select status from prescription where id = $1 for update")
                        .execute(Tuple.of(uuid))
                        .flatMap(rows -> {
                            if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                            String from = rows.iterator().next().getString("status");
                            if (!PrescriptionStatus.valueOf(from).canMoveTo(next)
                                    || !PrescriptionStatus.valueOf(from).inQueue()) {
                                throw new ProblemException(409, "ILLEGAL_TRANSITION", from, to);
                            }
                            // the decision's time from the business clock, as the engine's own decisions are (never the
                            // database's now())
                            return tx.preparedQuery(
                                            "update prescription set status = $2, decided_at = case when $3 then $7 else decided_at end, "
                                                    + "decided_by = $4, review_note = $5, reasons = case when $6::text is null then reasons else reasons || to_jsonb($6::text) end "
                                                    + "where id = $1")
                                    .execute(Tuple.from(new Object[] {
                                        uuid,
                                        to,
                                        final_,
                                        caller.subject(),
                                        r.note(),
                                        r.reasonCode(),
                                        OffsetDateTime.now(clock)
                                    }))
                                    .flatMap(x -> audit.record(
                                            tx,
                                            AuditEntry.of(
                                                    caller,
                                                    "PRESCRIPTION_REVIEWED",
                                                    "prescription",
                                                    id,
                                                    Map.of(
                                                            "from",
                                                            from,
                                                            "to",
                                                            to,
                                                            "decision",
                                                            r.decision().name(),
                                                            "reasonCode",
                                                            String.valueOf(r.reasonCode())))));
                        }))
                .flatMap(x -> pool.preparedQuery(SELECT + "where id = $1").execute(Tuple.of(uuid)))
                .map(rows -> stored(rows.iterator().next()));
    }

    // ------------------------------------------------------------------ estimate

    public Uni<Estimate> estimate(String id, EstimateRequest r, Caller caller) {
        boolean pharmacy = caller.has(Roles.PHARMACY) && !caller.has(Roles.ADMIN);
        if (pharmacy) caller.requirePharmacyVisible(r.pharmacyCode());
        // a pharmacy sees only prescriptions it has an open pickup or delivery for: the estimate shows the member's
        // cover left
        Uni<Boolean> mayEstimate = !pharmacy
                ? Uni.createFrom().item(true)
                : pool.preparedQuery("select 1 from fulfilment where prescription_id = $1 and pharmacy_code = $2 "
                                + "and status in ('RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED')")
                        .execute(Tuple.of(Ids.uuidOr404(id), r.pharmacyCode()))
                        .map(rows -> rows.iterator().hasNext());
        return mayEstimate
                .flatMap(allowed -> {
                    if (!allowed) throw caller.denied();
                    return find(id, caller, Roles.PHARMACY);
                })
                .flatMap(p -> {
                    if (PrescriptionStatus.valueOf(p.status()) != PrescriptionStatus.APPROVED)
                        throw new ProblemException(409, "PRESCRIPTION_NOT_APPROVED", p.status());
                    return pool.preparedQuery(
                                    "select pp.price_fen, ph.designated from pharmacy ph left join pharmacy_price pp "
                                            + "on pp.pharmacy_code = ph.code and pp.drug_id = $2 where ph.code = $1")
                            .execute(Tuple.of(r.pharmacyCode(), p.drugId()))
                            .flatMap(rows -> {
                                if (!rows.iterator().hasNext())
                                    throw new ProblemException(422, "PHARMACY_NOT_FOUND", r.pharmacyCode());
                                Row price = rows.iterator().next();
                                if (!price.getBoolean("designated"))
                                    throw new ProblemException(422, "PHARMACY_NOT_DESIGNATED", r.pharmacyCode());
                                Long unit = price.getLong("price_fen");
                                if (unit == null)
                                    throw new ProblemException(422, "NO_CONTRACT_PRICE", r.pharmacyCode(), p.drugId());
                                return aid.effect(p.memberId(), p.drugId(), p.packs())
                                        .flatMap(effect -> money.estimate(
                                                p.policyNumber(),
                                                p.tier(),
                                                unit,
                                                p.packs(),
                                                r.socialInsurancePaidFen(),
                                                effect))
                                        .map(m -> new Estimate(
                                                p.id().toString(), r.pharmacyCode(), p.drugId(), p.packs(), unit, m));
                            });
                });
    }
}
