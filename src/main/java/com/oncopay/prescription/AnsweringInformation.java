package com.oncopay.prescription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.catalog.domain.ClinicalFacts;
import com.oncopay.catalog.domain.IndicationResult;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.InformationRequestRepository.Answer;
import com.oncopay.prescription.PrescriptionApi.Clinical;
import com.oncopay.prescription.PrescriptionApi.InformationRequest;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to a reviewer's request for information (#20): the clinical facts supplied are merged over
 * the stored ones, the drug's indication rule is evaluated again on them (its missing facts replace the
 * stored ones), the documents are recorded (and marked received on the materials checklist), and the prescription goes back to the review queue with a new
 * review due date (the end of the next business day). Refused with {@link PrescriptionStatus#ILLEGAL_TRANSITION}
 * when it is not waiting for information.
 */
@ApplicationScoped
public class AnsweringInformation {
    @jakarta.inject.Inject
    PrescriptionMaterials materials;

    private final Transactions transactions;
    private final PrescriptionRepository prescriptions;
    private final InformationRequestRepository repository;
    private final CatalogService catalog;
    private final CalendarRegistry calendars;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AnsweringInformation(
            Transactions transactions,
            PrescriptionRepository prescriptions,
            InformationRequestRepository repository,
            CatalogService catalog,
            CalendarRegistry calendars,
            FieldCipher cipher,
            AuditLog audit,
            ObjectMapper mapper,
            Clock clock) {
        this.transactions = transactions;
        this.prescriptions = prescriptions;
        this.repository = repository;
        this.catalog = catalog;
        this.calendars = calendars;
        this.cipher = cipher;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<StoredPrescription> answer(String id, InformationRequest r, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        // the catalog entry is read before a connection is held (see SubmittingPrescription)
        return prescriptions
                .find(transactions.autoCommit(), uuid)
                .flatMap(found -> {
                    StoredPrescription p = found.orElseThrow(Refused::notFound);
                    caller.requireMemberVisible(p.memberId());
                    return catalog.drug(
                                    p.drugId(),
                                    p.receivedAt()
                                            .atZoneSameInstant(BusinessCalendar.ZONE)
                                            .toLocalDate())
                            .map(c -> Optional.of(c.value()))
                            .onFailure(Refused.class)
                            .recoverWithItem(Optional.empty());
                })
                .flatMap(drug -> transactions.inTransaction(tx -> repository
                        .forAnswer(tx, uuid)
                        .flatMap(found -> {
                            var t = found.orElseThrow(Refused::notFound);
                            if (t.status() != PrescriptionStatus.INFO_REQUESTED
                                    || !t.status().canMoveTo(PrescriptionStatus.PENDING_REVIEW))
                                throw Refused.conflict(
                                        PrescriptionStatus.ILLEGAL_TRANSITION,
                                        t.status().name(),
                                        PrescriptionStatus.PENDING_REVIEW.name());
                            List<String> fields = new ArrayList<>();
                            ClinicalFacts merged = merge(stored(t.clinicalEnc(), id), r.clinical(), fields);
                            IndicationResult indication = drug.map(
                                            (DrugView v) -> catalog.rules().evaluate(v.indicationRule(), merged))
                                    .orElse(IndicationResult.NO_RESTRICTION);
                            ZonedDateTime now = ZonedDateTime.now(clock);
                            BusinessCalendar.Deadline due = calendars.current().endOfNthBusinessDayAfter(now, 1);
                            List<String> documents = r.documents() == null
                                    ? List.of()
                                    : r.documents().stream()
                                            .map(k -> k.name())
                                            .distinct()
                                            .toList();
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put(
                                    "at",
                                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                            Ids.local(now.toOffsetDateTime())));
                            entry.put("byRole", caller.has(Roles.ADMIN) ? Roles.ADMIN : Roles.MEMBER);
                            entry.put("clinicalFields", fields);
                            entry.put("documents", documents);
                            entry.put("indication", indication.status().name());
                            Answer answer = new Answer(
                                    uuid,
                                    cipher.encrypt(json(merged), SubmittingPrescription.CLINICAL_CONTEXT, id),
                                    due.at().toOffsetDateTime(),
                                    due.provisional(),
                                    indication.missingFacts(),
                                    entry,
                                    now.toOffsetDateTime());
                            AuditEntry supplied = AuditEntry.of(
                                    caller,
                                    "PRESCRIPTION_INFORMATION_SUPPLIED",
                                    "prescription",
                                    id,
                                    Map.of("clinicalFields", fields, "documents", documents));
                            return repository
                                    .answer(tx, answer)
                                    .flatMap(x ->
                                            materials.supplied(tx, uuid, r.documents(), caller, now.toOffsetDateTime()))
                                    .flatMap(x -> audit.record(tx, supplied));
                        })))
                .flatMap(x -> prescriptions.find(transactions.autoCommit(), uuid))
                .map(p -> p.orElseThrow(Refused::notFound));
    }

    /** The supplied facts over the stored ones; {@code fields} gets the names of those supplied. */
    static ClinicalFacts merge(ClinicalFacts s, Clinical c, List<String> fields) {
        if (c == null) return s;
        Integer priorLines = c.priorLines() != null
                ? c.priorLines()
                : c.lineOfTherapy() != null ? Integer.valueOf(c.lineOfTherapy() - 1) : s.priorLines();
        if (c.priorLines() != null || c.lineOfTherapy() != null) fields.add("priorLines");
        if (c.diseaseStatus() != null) fields.add("diseaseStatus");
        if (c.monthsToRelapse() != null) fields.add("monthsToRelapse");
        if (c.priorTherapies() != null) fields.add("priorTherapies");
        Map<String, String> biomarkers =
                s.biomarkers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.biomarkers());
        if (c.biomarkers() != null) {
            fields.add("biomarkers");
            biomarkers.putAll(c.biomarkers());
        }
        return new ClinicalFacts(
                s.ageYears(),
                s.diagnosisIcd10(),
                priorLines,
                c.diseaseStatus() != null ? c.diseaseStatus() : s.diseaseStatus(),
                c.monthsToRelapse() != null ? c.monthsToRelapse() : s.monthsToRelapse(),
                c.priorTherapies() != null ? c.priorTherapies() : s.priorTherapies(),
                biomarkers.isEmpty() ? s.biomarkers() : biomarkers);
    }

    private ClinicalFacts stored(byte[] sealed, String id) {
        try {
            return mapper.readValue(
                    cipher.decrypt(sealed, SubmittingPrescription.CLINICAL_CONTEXT, id), ClinicalFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored clinical facts unreadable", e);
        }
    }

    private String json(ClinicalFacts facts) {
        try {
            return mapper.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
