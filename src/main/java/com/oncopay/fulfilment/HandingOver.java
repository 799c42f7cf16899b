package com.oncopay.fulfilment;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.coverage.domain.IdMask;
import com.oncopay.fulfilment.FulfilmentApi.Collector;
import com.oncopay.fulfilment.FulfilmentApi.CollectorRelation;
import com.oncopay.fulfilment.FulfilmentApi.CollectorView;
import com.oncopay.fulfilment.FulfilmentApi.HandOver;
import com.oncopay.fulfilment.domain.HandOverDocuments;
import com.oncopay.fulfilment.domain.RedemptionDecision;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hand-over's paperwork, the same at the counter and at the door: the documents collected
 * ({@link HandOverDocuments}) and who collected; recorded with the dispense, the collector's name
 * and identity number sealed ({@link FieldCipher}) and shown masked; a collection by someone else is audited.
 */
@ApplicationScoped
public class HandingOver {
    static final String COLLECTOR_NAME_CONTEXT = "hand_over.collector_name";
    static final String COLLECTOR_ID_CONTEXT = "hand_over.collector_id";

    /**
     * What the door and the hospital receipt settle, as the counter does ({@link RedemptionDecision}): cover in force
     * on the day the drug is handed over (422 POLICY_NOT_IN_FORCE), and a contract price (422 NO_CONTRACT_PRICE).
     */
    static void requireSettleable(FulfilmentOrder f, OffsetDateTime now) {
        if (!RedemptionDecision.inForce(
                f.coverFrom(),
                f.coverTo(),
                now.atZoneSameInstant(BusinessCalendar.ZONE).toLocalDate()))
            throw Refused.rule(RedemptionDecision.Refusal.POLICY_NOT_IN_FORCE.code);
        if (f.priceFen() == null) throw Refused.rule("NO_CONTRACT_PRICE", f.pharmacyCode(), f.drugId());
    }

    private final Transactions transactions;
    private final HandOverRepository repository;
    private final FieldCipher cipher;
    private final AuditLog audit;

    public HandingOver(Transactions transactions, HandOverRepository repository, FieldCipher cipher, AuditLog audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** What the pharmacy stated, checked: the checklist to record and the collector (null: the member). */
    public record Checked(HandOverDocuments.Checklist documents, Collector collector) {}

    /** Refuses (422) a hand-over without the prescription original, the checklist or the collector's documents. */
    public static Checked check(Boolean prescriptionCollected, HandOverDocuments.Checklist documents, Collector c) {
        HandOverDocuments.Outcome o = HandOverDocuments.check(prescriptionCollected, documents);
        if (HandOverDocuments.PRESCRIPTION_NOT_COLLECTED.equals(o.refusal())) throw Refused.rule(o.refusal());
        if (o.refusal() != null) throw Refused.missing(o.refusal(), o.missing());
        if (c != null) {
            List<String> missing = HandOverDocuments.collectorMissing(c.powerOfAttorneySeen(), c.memberIdSeen());
            if (!missing.isEmpty()) throw Refused.missing(HandOverDocuments.COLLECTOR_DOCUMENTS_MISSING, missing);
        }
        return new Checked(o.recorded(), c);
    }

    /** Inside the dispense's transaction: the hand-over row and, for a collection by someone else, its audit entry. */
    public Uni<Void> record(Tx tx, UUID dispenseId, UUID fulfilmentId, Checked h, OffsetDateTime at, Caller caller) {
        Collector c = h.collector();
        String key = dispenseId.toString();
        HandOverRepository.Stored row = new HandOverRepository.Stored(
                dispenseId,
                fulfilmentId,
                null,
                at,
                h.documents(),
                c == null ? null : c.relation().name(),
                c == null ? null : cipher.encrypt(c.name().strip(), COLLECTOR_NAME_CONTEXT, key),
                c == null ? null : cipher.encrypt(c.idNumber().strip(), COLLECTOR_ID_CONTEXT, key),
                c == null ? null : c.powerOfAttorneySeen(),
                c == null ? null : c.memberIdSeen());
        if (c == null) return repository.insert(tx, row);
        // who collected is audited by relation only: never the name or the identity number
        return Pipeline.inOrder(
                        repository.insert(tx, row),
                        audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "COLLECTED_BY_OTHER",
                                        "dispense",
                                        key,
                                        Map.of(
                                                "fulfilmentId",
                                                fulfilmentId.toString(),
                                                "relation",
                                                c.relation().name()))))
                .replaceWithVoid();
    }

    /** The hand-over as answered right after it (what was stated, the collector masked). */
    public static HandOver view(UUID dispenseId, UUID fulfilmentId, OffsetDateTime at, Checked h) {
        Collector c = h.collector();
        return new HandOver(
                dispenseId.toString(),
                fulfilmentId.toString(),
                Ids.local(at),
                h.documents(),
                c == null
                        ? null
                        : masked(
                                c.relation(),
                                c.name().strip(),
                                c.idNumber().strip(),
                                c.powerOfAttorneySeen(),
                                c.memberIdSeen()));
    }

    /** The hand-over of a fulfilment, for the pharmacy that handed it over (or ADMIN): 404 before it. */
    public Uni<HandOver> ofFulfilment(String fulfilmentId, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        return repository.ofFulfilment(transactions.autoCommit(), fid).map(found -> {
            HandOverRepository.Stored h = found.orElseThrow(Refused::notFound);
            caller.requirePharmacyVisible(h.pharmacyCode());
            String key = h.dispenseId().toString();
            CollectorView collector = h.collectorRelation() == null
                    ? null
                    : masked(
                            CollectorRelation.valueOf(h.collectorRelation()),
                            cipher.decrypt(h.collectorNameEnc(), COLLECTOR_NAME_CONTEXT, key), // only to mask it
                            cipher.decrypt(h.collectorIdEnc(), COLLECTOR_ID_CONTEXT, key),
                            h.powerOfAttorneySeen(),
                            h.memberIdSeen());
            return new HandOver(key, fid.toString(), Ids.local(h.at()), h.documents(), collector);
        });
    }

    private static CollectorView masked(
            CollectorRelation relation, String name, String idNumber, Boolean attorney, Boolean memberId) {
        return new CollectorView(
                relation,
                FulfilmentEvents.maskName(name),
                IdMask.mask(idNumber, idNumber.matches("[0-9]{17}[0-9Xx]"), false),
                Boolean.TRUE.equals(attorney),
                Boolean.TRUE.equals(memberId));
    }
}
