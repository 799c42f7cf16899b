package com.oncopay.fulfilment;

import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.coverage.EligibilityService;
import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.FulfilmentApi.ChooseRequest;
import com.oncopay.fulfilment.FulfilmentApi.Chosen;
import com.oncopay.fulfilment.domain.CodeExpiry;
import com.oncopay.fulfilment.domain.ColdChain;
import com.oncopay.fulfilment.domain.DeliveryPromise;
import com.oncopay.fulfilment.domain.FulfilmentChoice;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.fulfilment.domain.RedemptionDecision;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.error.Problem;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The member chooses store pickup (and gets the pickup code, once), free home delivery (and its
 * promised time) or, for a cell therapy, the pharmacy's cold-chain transfer to the prescribing
 * hospital; {@link FulfilmentChoice} decides which is allowed.
 */
@ApplicationScoped
public class ChoosingFulfilment {
    public static final String CODE_PURPOSE = "pickup-code";
    public static final String ADDRESS_CONTEXT = "fulfilment.address";

    private final Transactions transactions;
    private final FulfilmentRepository repository;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final AuditLog audit;
    private final CatalogService catalog;
    private final CalendarRegistry calendars;
    private final FulfilmentConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    com.oncopay.coverage.MisuseGuard misuse;

    public ChoosingFulfilment(
            Transactions transactions,
            FulfilmentRepository repository,
            FieldCipher cipher,
            Outbox outbox,
            AuditLog audit,
            CatalogService catalog,
            CalendarRegistry calendars,
            FulfilmentConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.catalog = catalog;
        this.calendars = calendars;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Chosen> choose(String prescriptionId, ChooseRequest r, Caller caller, Locale locale) {
        UUID pid = Ids.uuidOr404(prescriptionId);
        if (r.mode() == FulfilmentApi.Mode.DELIVERY && r.address() == null) {
            new FieldErrors()
                    .add("address", "REQUIRED", "a delivery address is needed for DELIVERY")
                    .throwIfAny();
        }
        // one connection for the facts, the catalog entry should the caches miss, and the transaction: one turn in
        // the pool's queue (PoolTurns); nothing below takes a connection of its own
        return transactions.onConnection(c -> repository
                .choiceFacts(c, pid, r.pharmacyCode())
                .flatMap(found -> {
                    FulfilmentRepository.ChoiceFacts p = found.orElseThrow(Refused::notFound);
                    caller.requireMemberVisible(p.memberId());
                    if (!PrescriptionStatus.APPROVED.name().equals(p.prescriptionStatus()))
                        throw Refused.conflict("PRESCRIPTION_NOT_APPROVED", p.prescriptionStatus());
                    // a code drawn on a policy whose cover has ended (expired, or cancelled) could never be redeemed
                    if (p.policyExpiry() != null && p.policyExpiry().isBefore(LocalDate.now(clock)))
                        throw Refused.rule(RedemptionDecision.Refusal.POLICY_NOT_IN_FORCE.code);
                    if (p.pharmacy() == null) throw Refused.rule("PHARMACY_NOT_FOUND", r.pharmacyCode());
                    if (!p.designated()) throw Refused.rule("PHARMACY_NOT_DESIGNATED", r.pharmacyCode());
                    if (p.priceFen() == null) throw Refused.rule("NO_CONTRACT_PRICE", r.pharmacyCode(), p.drugId());
                    return catalog.drug(p.drugId(), LocalDate.now(clock), c)
                            .map(cached -> cached.value())
                            .onFailure(Refused.class)
                            .recoverWithItem(() -> null)
                            .flatMap(drug -> reserve(c, pid, r, caller, p, drug, locale));
                }));
    }

    /** The hand-over rules of {@link FulfilmentChoice}: the first refusal is answered, the notices go with the code. */
    private static List<String> decide(ChooseRequest r, FulfilmentRepository.ChoiceFacts p, DrugView drug) {
        FulfilmentChoice.Facts facts = new FulfilmentChoice.Facts(
                FulfilmentChoice.Way.valueOf(r.mode().name()),
                EligibilityService.facts(drug),
                drug.coldChain(),
                p.socialInsurance(),
                p.filingRecorded(),
                Boolean.TRUE.equals(p.pharmacySettlesSocialInsurance()),
                Boolean.TRUE.equals(p.pharmacyColdChain()),
                r.hospitalCode(),
                p.prescriptionHospital());
        String refusal = FulfilmentChoice.refusal(facts);
        if (refusal != null)
            throw switch (refusal) {
                case FulfilmentChoice.HOSPITAL_ONLY ->
                    Refused.rule(refusal, drug.drugId(), drug.brandName(), p.prescriptionHospital());
                case FulfilmentChoice.HOSPITAL_NOT_ON_PRESCRIPTION ->
                    Refused.rule(refusal, String.valueOf(r.hospitalCode()), p.prescriptionHospital());
                case FulfilmentChoice.HOSPITAL_MODE_NOT_APPLICABLE -> Refused.rule(refusal, drug.drugId());
                case ColdChain.REQUIRED, FulfilmentChoice.PHARMACY_CANNOT_SETTLE ->
                    Refused.rule(refusal, r.pharmacyCode());
                default -> Refused.rule(refusal);
            };
        return FulfilmentChoice.notices(facts);
    }

    private Uni<Chosen> reserve(
            Tx connection,
            UUID pid,
            ChooseRequest r,
            Caller caller,
            FulfilmentRepository.ChoiceFacts p,
            DrugView drug,
            Locale locale) {
        if (drug == null) throw Refused.conflict("DRUG_NOT_COVERED");
        boolean delivery = r.mode() == FulfilmentApi.Mode.DELIVERY;
        boolean hospital = r.mode() == FulfilmentApi.Mode.HOSPITAL;
        List<String> notices = decide(r, p, drug);
        String code = PickupCode.generate(random);
        byte[] hash = cipher.lookupHash(CODE_PURPOSE, code.replace("-", ""));
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime expires =
                CodeExpiry.expiresAt(now, config.codeValidity(), p.policyExpiry(), BusinessCalendar.ZONE);
        OffsetDateTime promised = null;
        boolean provisional = false;
        if (delivery) {
            boolean sameCity = normaliseCity(r.address().city()).equals(normaliseCity(p.pharmacyCity()));
            BusinessCalendar.Deadline promise = DeliveryPromise.promisedBy(
                    now.atZoneSameInstant(BusinessCalendar.ZONE), sameCity, calendars.current());
            promised = promise.at().toOffsetDateTime();
            provisional = promise.provisional();
        }
        byte[] address = r.address() == null
                ? null
                : cipher.encrypt(
                        r.address().province() + "|" + r.address().city() + "|"
                                + r.address().district() + "|" + r.address().line() + "|"
                                + r.address().phone(),
                        ADDRESS_CONTEXT,
                        id.toString());
        Map<String, Object> event = FulfilmentEvents.event(
                id, pid, p.drugId(), drug.brandName(), p.packs(), r.mode().name(), p.memberName());
        event.put("expiresAt", Ids.local(expires).toString());
        if (hospital) event.put("hospitalCode", p.prescriptionHospital());
        if (promised != null) {
            event.put("promisedBy", Ids.local(promised).toString());
            event.put("calendarProvisional", provisional);
            // the city routes the order; the street and phone are read through GET /deliveries/{id}/address (audited)
            event.put("deliveryCity", r.address().city());
        }
        FulfilmentRepository.NewFulfilment row = new FulfilmentRepository.NewFulfilment(
                id,
                pid,
                p.memberId(),
                r.pharmacyCode(),
                r.mode(),
                hash,
                hospital ? FulfilmentStatus.initialTransfer() : FulfilmentStatus.initial(!delivery),
                expires,
                promised,
                provisional,
                address,
                r.address() == null ? null : r.address().city(),
                now,
                hospital ? p.prescriptionHospital() : null);
        AuditEntry chosen = AuditEntry.of(
                caller,
                "FULFILMENT_CHOSEN",
                "fulfilment",
                id.toString(),
                Map.of("mode", r.mode().name(), "pharmacyCode", r.pharmacyCode(), "prescriptionId", pid.toString()));
        return transactions
                .inTransaction(
                        connection,
                        tx -> Pipeline.inOrder(
                                misuse.requireNotFlagged(tx, p.memberId()), // #19 item 11: seed 004, misuse
                                repository.insert(tx, row),
                                outbox.write(
                                        tx,
                                        r.pharmacyCode(),
                                        delivery
                                                ? "DELIVERY_REQUESTED"
                                                : hospital ? "HOSPITAL_TRANSFER_REQUESTED" : "PICKUP_RESERVED",
                                        id.toString(),
                                        event),
                                audit.record(tx, chosen)))
                .replaceWith(new Chosen(
                        id.toString(),
                        r.mode(),
                        hospital ? null : code, // the hospital signs for a transfer: no code to show
                        Ids.local(expires),
                        Ids.local(promised),
                        provisional,
                        hospital ? p.prescriptionHospital() : null,
                        notices.stream()
                                .map(n -> new Problem.Reason(n, Messages.title(locale, n)))
                                .toList()));
    }

    private static String normaliseCity(String city) {
        String c = city == null ? "" : city.strip();
        return c.endsWith("市") ? c.substring(0, c.length() - 1) : c;
    }
}
