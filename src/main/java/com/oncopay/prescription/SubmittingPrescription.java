package com.oncopay.prescription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.coverage.EligibilityService;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.prescription.PrescriptionApi.SubmitRequest;
import com.oncopay.prescription.PrescriptionDueDates.DueDates;
import com.oncopay.prescription.PrescriptionRepository.NewPrescription;
import com.oncopay.prescription.domain.PrescriptionRules;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Submission of a specialty-drug prescription. A submission runs every check ({@link
 * PrescriptionRules}, eligibility, the drug's indication rule) and stores the decision with
 * everything it used (catalog version, tier, product ratios, eligibility snapshot) so that it can
 * be explained and re-run. The resource applies idempotency between {@link #accept} and {@link #submit}.
 */
@ApplicationScoped
public class SubmittingPrescription {
    public static final String DIAGNOSIS_CONTEXT = "prescription.diagnosis";
    public static final String CLINICAL_CONTEXT = "prescription.clinical";

    @jakarta.inject.Inject
    com.oncopay.coverage.MisuseGuard misuse;

    @jakarta.inject.Inject
    PrescriptionMaterials materials;

    private final Transactions transactions;
    private final PrescriptionRepository repository;
    private final PrescriptionReferenceRepository references;
    private final EligibilityService eligibility;
    private final CatalogService catalog;
    private final CalendarRegistry calendars;
    private final PrescriptionDueDates dueDates;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SubmittingPrescription(
            Transactions transactions,
            PrescriptionRepository repository,
            PrescriptionReferenceRepository references,
            EligibilityService eligibility,
            CatalogService catalog,
            CalendarRegistry calendars,
            PrescriptionDueDates dueDates,
            FieldCipher cipher,
            AuditLog audit,
            ObjectMapper mapper,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.references = references;
        this.eligibility = eligibility;
        this.catalog = catalog;
        this.calendars = calendars;
        this.dueDates = dueDates;
        this.cipher = cipher;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Checks a submission and returns the instant it counts as received; nothing is stored yet. */
    public ZonedDateTime accept(SubmitRequest r, Caller caller) {
        caller.requireMemberVisible(r.memberId());
        if (r.receivedAt() != null && !caller.has(Roles.ADMIN)) throw Refused.of(Refused.Kind.FORBIDDEN, "FORBIDDEN");
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime received = (r.receivedAt() == null ? now : r.receivedAt().toZonedDateTime())
                .withZoneSameInstant(BusinessCalendar.ZONE);
        LocalDate receivedOn = received.toLocalDate();
        FieldErrors errors = new FieldErrors().date("prescribedOn", r.prescribedOn());
        if (r.prescribedOn().isAfter(receivedOn))
            errors.add("prescribedOn", "INVALID", "must not be after the day the application is received");
        if (received.getYear() < 1900 || received.getYear() > 2100)
            errors.add("receivedAt", "OUT_OF_RANGE", "1900..2100");
        if (received.isAfter(now.plusMinutes(5))) errors.add("receivedAt", "INVALID", "must not be in the future");
        errors.throwIfAny();
        return received;
    }

    /** Decides and stores a submission {@link #accept accepted} as received at {@code received}. */
    public Uni<StoredPrescription> submit(SubmitRequest r, Caller caller, ZonedDateTime received) {
        LocalDate on = received.toLocalDate();
        String drugId = CatalogEntry.canonicalDrugId(r.drugId());
        // The catalog entry is resolved first: on a cache miss it reads PostgreSQL through the pool, and a second
        // connection taken while the one below is held deadlocks the pool once as many submissions run at once as it
        // has connections (bench/ found it).
        return catalog.drug(drugId, on)
                .map(c -> Optional.of(c.value()))
                .onFailure(Refused.class)
                .recoverWithItem(Optional.empty())
                // one connection for the reads and then the transaction: the catalog was resolved above, and nothing
                // below takes a connection of its own
                .flatMap(drug -> transactions.onConnection(c -> read(c, r, drug).flatMap(read -> {
                    if (!read.hospitalKnown())
                        new FieldErrors()
                                .add("hospitalCode", "UNKNOWN_VALUE", "no hospital with this code")
                                .throwIfAny();
                    PrescriptionDecision decision = PrescriptionDecision.decide(r, on, read, catalog.rules(), cipher);
                    boolean firstClaim = read.priors().isEmpty();
                    boolean review = decision.status() == PrescriptionStatus.PENDING_REVIEW;
                    DueDates due = review ? dueDates.count(calendars.current(), received, firstClaim) : DueDates.NONE;
                    Optional<DrugView> d = read.drug();
                    StoredPrescription p = new StoredPrescription(
                            UUID.randomUUID(),
                            r.memberId(),
                            decision.policyNumber(),
                            decision.productCode(),
                            drugId,
                            d.map(DrugView::moleculeKey).orElse(null),
                            d.map(DrugView::catalogVersion).orElse(null),
                            d.map(DrugView::tier).orElse(null),
                            r.packs(),
                            r.packSize(),
                            r.daysSupply(),
                            r.prescribedOn(),
                            decision.status(),
                            decision.reasons(),
                            decision.missingFacts(),
                            received.toOffsetDateTime(),
                            due.review(),
                            due.investigation(),
                            due.provisional(),
                            review ? null : OffsetDateTime.now(clock),
                            r.hospitalCode(),
                            null,
                            java.util.List.of());
                    return store(c, p, r, decision, firstClaim, caller).replaceWith(p);
                })));
    }

    /**
     * Every read of the decision over one connection, sent together: one round trip (the misuse check, the member's
     * facts and the three reads below) instead of a connection each. A flagged member is refused first, whatever
     * else the reads find (#19 item 11: seed 004, misuse).
     */
    private Uni<PrescriptionDecision.Read> read(Tx tx, SubmitRequest r, Optional<DrugView> drug) {
        return Uni.combine()
                .all()
                .unis(
                        misuse.checkNotFlagged(tx, r.memberId()),
                        eligibility.facts(tx, r.memberId()),
                        references.memberIdHash(tx, r.memberId()),
                        references.hospitalExists(tx, r.hospitalCode()),
                        repository.priors(tx, r.memberId()))
                .collectFailures()
                .asTuple()
                .onFailure()
                .transform(Pipeline::firstInOrder)
                .map(t -> new PrescriptionDecision.Read(t.getItem2(), drug, t.getItem3(), t.getItem4(), t.getItem5()));
    }

    /** The prescription, its materials and its audit row in one transaction on {@code connection}. */
    private Uni<Void> store(
            Tx connection,
            StoredPrescription p,
            SubmitRequest r,
            PrescriptionDecision decision,
            boolean firstClaim,
            Caller caller) {
        String clinicalJson;
        try {
            clinicalJson = mapper.writeValueAsString(decision.clinical());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        NewPrescription row = new NewPrescription(
                p,
                r.validDays() == null ? 1 : r.validDays(),
                r.prescriberName(),
                r.hospitalCode(),
                cipher.encrypt(r.diagnosisIcd10(), DIAGNOSIS_CONTEXT, p.id().toString()),
                cipher.encrypt(clinicalJson, CLINICAL_CONTEXT, p.id().toString()),
                r.applicant() == null ? "SELF" : r.applicant().relation().name(),
                decision.inputs(),
                firstClaim,
                p.decidedAt() == null ? null : "engine",
                caller.subject());
        AuditEntry decided = AuditEntry.of(
                caller,
                "PRESCRIPTION_DECIDED",
                "prescription",
                p.id().toString(),
                Map.of(
                        "status",
                        p.status().name(),
                        "reasons",
                        p.reasons(),
                        "catalogVersion",
                        String.valueOf(p.catalogVersion())));
        return transactions.inTransaction(
                connection,
                tx -> Pipeline.inOrder(
                        repository.insert(tx, row),
                        materials.supplied(tx, p.id(), r.documents(), caller, OffsetDateTime.now(clock)),
                        audit.record(tx, decided)));
    }
}
