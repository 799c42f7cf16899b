package com.oncopay.fulfilment;

import com.oncopay.catalog.DrugLabel;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.fulfilment.FulfilmentApi.DeliveryView;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads: the member's fulfilments, the code the member holds, deliveries and a delivery's address (audited). */
@ApplicationScoped
public class FulfilmentQueries {
    private final Transactions transactions;
    private final FulfilmentRepository fulfilments;
    private final DeliveryRepository deliveries;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final DrugLabels labels;
    private final Clock clock;

    public FulfilmentQueries(
            Transactions transactions,
            FulfilmentRepository fulfilments,
            DeliveryRepository deliveries,
            FieldCipher cipher,
            AuditLog audit,
            DrugLabels labels,
            Clock clock) {
        this.transactions = transactions;
        this.fulfilments = fulfilments;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    /** Checks a code the member holds against the stored hash (the QR endpoint renders only a code that matches). */
    public Uni<String> verifyHeldCode(String fulfilmentId, String typed, Caller caller) {
        UUID id = Ids.uuidOr404(fulfilmentId);
        return fulfilments.heldCode(transactions.autoCommit(), id).map(found -> {
            FulfilmentRepository.HeldCode f = found.orElseThrow(Refused::notFound);
            caller.requireMemberVisible(f.memberId());
            String canonical = PickupCode.normalise(typed).orElseThrow(() -> Refused.rule("CODE_MALFORMED"));
            if (!MessageDigest.isEqual(f.codeHash(), cipher.lookupHash(ChoosingFulfilment.CODE_PURPOSE, canonical)))
                throw Refused.of(Refused.Kind.NOT_FOUND, "CODE_UNKNOWN");
            return PickupCode.format(canonical);
        });
    }

    /** A member's fulfilments, newest first: pickup codes' expiry and home deliveries' tracking. */
    public Uni<List<FulfilmentApi.FulfilmentView>> memberFulfilments(String memberId) {
        return fulfilments.ofMember(transactions.autoCommit(), memberId, clock.instant());
    }

    /** Deliveries of a pharmacy (or of all pharmacies when {@code pharmacy} is null), optionally only those past their promise. */
    public Uni<Page<DeliveryView>> deliveries(String pharmacy, boolean overdueOnly, int page, int size) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return labels.all()
                .flatMap(names -> deliveries
                        .page(transactions.autoCommit(), pharmacy, overdueOnly, now, page, size)
                        .map(p -> new Page<>(
                                p.deliveries().stream()
                                        .map(d -> view(
                                                d,
                                                names.getOrDefault(
                                                        d.order().drugId(),
                                                        DrugLabel.unknown(
                                                                d.order().drugId())),
                                                d.order().status().name(),
                                                d.trackingNo(),
                                                now,
                                                d.money()))
                                        .toList(),
                                page,
                                size,
                                p.total())));
    }

    /** Where a home delivery goes, for the pharmacy that delivers it (or ADMIN); every read is audited. */
    public Uni<FulfilmentApi.DeliveryAddress> deliveryAddress(String fulfilmentId, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        return fulfilments.deliveryAddress(transactions.autoCommit(), fid).flatMap(found -> {
            FulfilmentRepository.SealedAddress f = found.orElseThrow(Refused::notFound);
            caller.requirePharmacyVisible(f.pharmacyCode());
            String[] a = cipher.decrypt(f.encrypted(), ChoosingFulfilment.ADDRESS_CONTEXT, fid.toString())
                    .split("\\|", -1);
            return audit.record(
                            transactions.autoCommit(),
                            AuditEntry.of(caller, "DELIVERY_ADDRESS_READ", "fulfilment", fid.toString(), Map.of()))
                    .replaceWith(new FulfilmentApi.DeliveryAddress(fid.toString(), a[0], a[1], a[2], a[3], a[4]));
        });
    }

    /** A delivery as the pharmacy sees it; {@code now} null when overdue is not asked (a status just set). */
    static DeliveryView view(
            DeliveryRepository.Delivery d,
            DrugLabel drug,
            String status,
            String trackingNo,
            OffsetDateTime now,
            com.oncopay.adjudication.MoneyBlock money) {
        FulfilmentOrder f = d.order();
        return new DeliveryView(
                f.id().toString(),
                f.prescriptionId().toString(),
                f.pharmacyCode(),
                f.drugId(),
                drug.brandName(),
                drug.genericName(),
                drug.form(),
                f.packs(),
                f.packSize(),
                status,
                Ids.local(d.promisedBy()),
                d.calendarProvisional(),
                now != null
                        && f.status()
                                .overdue(
                                        d.promisedBy() == null
                                                ? null
                                                : d.promisedBy().toInstant(),
                                        now.toInstant()),
                trackingNo,
                d.deliveryCity(),
                money);
    }
}
