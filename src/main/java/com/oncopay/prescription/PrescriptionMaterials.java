package com.oncopay.prescription;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.MaterialRepository.Material;
import com.oncopay.prescription.MaterialsApi.MaterialRecord;
import com.oncopay.prescription.domain.MaterialChannel;
import com.oncopay.prescription.domain.MaterialKind;
import com.oncopay.prescription.domain.RequiredMaterials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A prescription's materials checklist (#20 item 4): which materials its drug requires ({@link RequiredMaterials},
 * configured), which were received and how. Reviewers record them; documents a member supplies with a submission or
 * an answer to a request for information are recorded as received. A reviewer's approval needs every required one
 * ({@link #requireComplete}).
 */
@ApplicationScoped
public class PrescriptionMaterials {
    /**
     * A checklist as read: the prescription, its drug's name (generic（brand）, null when the catalog no longer knows it),
     * the kinds its drug requires, and what was recorded.
     */
    public record Checklist(
            StoredPrescription prescription, String drugName, List<MaterialKind> required, List<Material> recorded) {
        public List<MaterialKind> missing() {
            return RequiredMaterials.missing(
                    required,
                    recorded.stream()
                            .filter(Material::received)
                            .map(Material::kind)
                            .toList());
        }
    }

    private final Transactions transactions;
    private final PrescriptionRepository prescriptions;
    private final MaterialRepository repository;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final RequiredMaterials rule;
    private final Clock clock;

    public PrescriptionMaterials(
            Transactions transactions,
            PrescriptionRepository prescriptions,
            MaterialRepository repository,
            CatalogService catalog,
            AuditLog audit,
            PrescriptionConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.prescriptions = prescriptions;
        this.repository = repository;
        this.catalog = catalog;
        this.audit = audit;
        this.rule = new RequiredMaterials(config.materials().required());
        this.clock = clock;
    }

    /** The checklist of a prescription the caller may see (its member, or staff). */
    public Uni<Checklist> checklist(String id, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        return find(uuid, caller)
                .flatMap(p -> drug(p).flatMap(d -> repository
                        .list(transactions.autoCommit(), uuid)
                        .map(recorded -> new Checklist(
                                p,
                                d.map(v -> v.genericName() + "（" + v.brandName() + "）")
                                        .orElse(null),
                                required(d),
                                recorded))));
    }

    /** A reviewer's (or an administrator's) record of one material; unknown kinds are 404, as unknown paths are. */
    public Uni<Checklist> record(String id, String kind, MaterialRecord r, Caller caller) {
        UUID uuid = Ids.uuidOr404(id);
        MaterialKind k = Arrays.stream(MaterialKind.values())
                .filter(x -> x.name().equals(kind))
                .findFirst()
                .orElseThrow(Refused::notFound);
        Material m = new Material(
                k,
                r.received(),
                r.channel(),
                r.note(),
                caller.subject(),
                caller.primaryRole(),
                OffsetDateTime.now(clock));
        AuditEntry recorded = AuditEntry.of(
                caller,
                "PRESCRIPTION_MATERIAL_RECORDED",
                "prescription",
                id,
                Map.of(
                        "kind",
                        k.name(),
                        "received",
                        r.received(),
                        "channel",
                        r.channel().name()));
        return transactions
                .inTransaction(tx -> repository.memberForShare(tx, uuid).flatMap(member -> {
                    caller.requireMemberVisible(member.orElseThrow(Refused::notFound), Roles.REVIEWER);
                    return repository.record(tx, uuid, m).flatMap(x -> audit.record(tx, recorded));
                }))
                .flatMap(x -> checklist(id, caller));
    }

    /**
     * The materials a prescription's drug requires, by the catalog entry in force on the day it was received (as its
     * decision was made); a drug the catalog no longer knows needs what every drug needs. Read before a connection
     * is held (see {@link SubmittingPrescription}).
     */
    Uni<List<MaterialKind>> required(StoredPrescription p) {
        return drug(p).map(this::required);
    }

    private List<MaterialKind> required(Optional<DrugView> d) {
        return d.map(v -> rule.requiredFor(
                        v.indicationRule(), v.form() == null ? null : v.form().name()))
                .orElseGet(() -> rule.requiredFor(null, null));
    }

    private Uni<Optional<DrugView>> drug(StoredPrescription p) {
        return catalog.drug(
                        p.drugId(),
                        p.receivedAt().atZoneSameInstant(BusinessCalendar.ZONE).toLocalDate())
                .map(c -> Optional.of(c.value()))
                .onFailure(Refused.class)
                .recoverWithItem(Optional.empty());
    }

    /** Refuses ({@link RequiredMaterials#MATERIALS_INCOMPLETE}, 422 with the list) while a required one is missing. */
    Uni<Void> requireComplete(Tx tx, UUID id, List<MaterialKind> required) {
        return repository.received(tx, id).map(received -> {
            List<MaterialKind> missing = RequiredMaterials.missing(required, received);
            if (!missing.isEmpty())
                throw Refused.missing(
                        RequiredMaterials.MATERIALS_INCOMPLETE,
                        missing.stream().map(Enum::name).toList());
            return null;
        });
    }

    /**
     * Documents a member (online) or an administrator (on paper) supplied with a submission or an answer: received.
     */
    Uni<Void> supplied(Tx tx, UUID id, List<MaterialKind> kinds, Caller caller, OffsetDateTime at) {
        if (kinds == null || kinds.isEmpty()) return Uni.createFrom().voidItem();
        boolean admin = caller.has(Roles.ADMIN);
        MaterialChannel channel = admin ? MaterialChannel.PAPER : MaterialChannel.ONLINE;
        List<Material> materials = kinds.stream()
                .distinct()
                .map(k ->
                        new Material(k, true, channel, null, caller.subject(), admin ? Roles.ADMIN : Roles.MEMBER, at))
                .toList();
        return repository.recordAll(tx, id, materials);
    }

    private Uni<StoredPrescription> find(UUID uuid, Caller caller) {
        return prescriptions.find(transactions.autoCommit(), uuid).map(found -> {
            StoredPrescription p = found.orElseThrow(Refused::notFound);
            caller.requireMemberVisible(p.memberId(), Roles.REVIEWER);
            return p;
        });
    }
}
