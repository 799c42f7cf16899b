package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.AidService;
import com.oncopay.assistance.domain.AidRule;
import com.oncopay.calendar.CalendarRegistry;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.DrugView;
import com.oncopay.coverage.EligibilityService;
import com.oncopay.coverage.ReferenceDataService;
import com.oncopay.coverage.domain.Eligibility;
import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.FulfilmentApi.ChooseRequest;
import com.oncopay.fulfilment.FulfilmentApi.Chosen;
import com.oncopay.fulfilment.FulfilmentApi.DeliveryView;
import com.oncopay.fulfilment.FulfilmentApi.RedeemRequest;
import com.oncopay.fulfilment.FulfilmentApi.Redemption;
import com.oncopay.fulfilment.FulfilmentApi.Reversal;
import com.oncopay.fulfilment.FulfilmentApi.ReversalRequest;
import com.oncopay.fulfilment.FulfilmentApi.Settlement;
import com.oncopay.fulfilment.FulfilmentApi.SettlementLine;
import com.oncopay.fulfilment.FulfilmentApi.StatusRequest;
import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.fulfilment.domain.DeliveryPromise;
import com.oncopay.fulfilment.domain.DeliveryStatus;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Gets the drug to the patient and the money to the pharmacy, exactly once: fulfilment
 * choice with its pickup code, redemption at the counter, reversal, home delivery and the
 * pharmacy's settlement. Every time comparison uses the business clock.
 */
@ApplicationScoped
public class FulfilmentService {
    public static final String CODE_PURPOSE = "pickup-code";
    public static final String ADDRESS_CONTEXT = "fulfilment.address";

    private final Pool pool;
    private final FieldCipher cipher;
    private final MoneyEngine money;
    private final Outbox outbox;
    private final AuditLog audit;
    private final CatalogService catalog;
    private final CalendarRegistry calendars;
    private final FulfilmentConfig config;
    private final Clock clock;
    private final AidService aid;
    private final SecureRandom random = new SecureRandom();

    public FulfilmentService(
            Pool pool,
            FieldCipher cipher,
            MoneyEngine money,
            Outbox outbox,
            AuditLog audit,
            CatalogService catalog,
            CalendarRegistry calendars,
            FulfilmentConfig config,
            Clock clock,
            AidService aid) {
        this.aid = aid;
        this.pool = pool;
        this.cipher = cipher;
        this.money = money;
        this.outbox = outbox;
        this.audit = audit;
        this.catalog = catalog;
        this.calendars = calendars;
        this.config = config;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    // ------------------------------------------------------------------ choosing pickup or delivery

    public Uni<Chosen> choose(String prescriptionId, ChooseRequest r, Caller caller) {
        UUID pid = Ids.uuidOr404(prescriptionId);
        if (r.mode() == FulfilmentApi.Mode.DELIVERY && r.address() == null) {
            new FieldErrors()
                    .add("address", "REQUIRED", "a delivery address is needed for DELIVERY")
                    .throwIfAny();
        }
        return pool.preparedQuery(
                        "select p.member_id, p.status, p.drug_id, p.packs, p.prescribed_on, m.name, m.social_insurance, "
                                + "ph.designated, ph.cold_chain, ph.city as pharmacy_city, ph.code as pharmacy, pp.price_fen "
                                + "from prescription p join member m on m.member_id = p.member_id "
                                + "left join pharmacy ph on ph.code = $2 left join pharmacy_price pp on pp.pharmacy_code = ph.code and pp.drug_id = p.drug_id "
                                + "where p.id = $1")
                .execute(Tuple.of(pid, r.pharmacyCode()))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row p = rows.iterator().next();
                    caller.requireMemberVisible(p.getString("member_id"));
                    if (!"APPROVED".equals(p.getString("status")))
                        throw new ProblemException(409, "PRESCRIPTION_NOT_APPROVED", p.getString("status"));
                    if (p.getString("pharmacy") == null)
                        throw new ProblemException(422, "PHARMACY_NOT_FOUND", r.pharmacyCode());
                    if (!p.getBoolean("designated"))
                        throw new ProblemException(422, "PHARMACY_NOT_DESIGNATED", r.pharmacyCode());
                    if (p.getLong("price_fen") == null)
                        throw new ProblemException(422, "NO_CONTRACT_PRICE", r.pharmacyCode(), p.getString("drug_id"));
                    return catalog.drug(p.getString("drug_id"), LocalDate.now(clock))
                            .map(c -> c.value())
                            .onFailure(ProblemException.class)
                            .recoverWithItem(() -> null)
                            .flatMap(drug -> reserve(pid, r, caller, p, drug));
                });
    }

    private Uni<Chosen> reserve(UUID pid, ChooseRequest r, Caller caller, Row p, DrugView drug) {
        if (drug == null) throw new ProblemException(409, "DRUG_NOT_COVERED");
        if (r.mode() == FulfilmentApi.Mode.DELIVERY) {
            // the same rule eligibility reports as deliveryRefusal, so the member page and this refusal agree
            String refusal =
                    Eligibility.deliveryRefusal(EligibilityService.facts(drug), p.getBoolean("social_insurance"));
            if (refusal != null) throw new ProblemException(422, refusal);
            if (drug.coldChain() && !p.getBoolean("cold_chain"))
                throw new ProblemException(422, "COLD_CHAIN_REQUIRED", r.pharmacyCode());
        }
        String code = PickupCode.generate(random);
        byte[] hash = cipher.lookupHash(CODE_PURPOSE, code.replace("-", ""));
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        OffsetDateTime expires = now.plus(config.codeValidity());
        OffsetDateTime promised = null;
        boolean provisional = false;
        if (r.mode() == FulfilmentApi.Mode.DELIVERY) {
            boolean sameCity = normaliseCity(r.address().city()).equals(normaliseCity(p.getString("pharmacy_city")));
            BusinessCalendar.Deadline promise = DeliveryPromise.promisedBy(
                    now.atZoneSameInstant(BusinessCalendar.ZONE), sameCity, calendars.current());
            promised = promise.at().toOffsetDateTime();
            provisional = promise.provisional();
        }
        String status =
                FulfilmentStatus.initial(r.mode() == FulfilmentApi.Mode.PICKUP).name();
        Buffer address = r.address() == null
                ? null
                : Buffer.buffer(cipher.encrypt(
                        r.address().province() + "|" + r.address().city() + "|"
                                + r.address().district() + "|" + r.address().line() + "|"
                                + r.address().phone(),
                        ADDRESS_CONTEXT,
                        id.toString()));
        Map<String, Object> event = event(
                id,
                pid,
                p.getString("drug_id"),
                drug.brandName(),
                p.getInteger("packs"),
                r.mode().name(),
                p.getString("name"));
        event.put("expiresAt", Ids.local(expires).toString());
        if (promised != null) {
            event.put("promisedBy", Ids.local(promised).toString());
            event.put("calendarProvisional", provisional);
            // the city routes the order; the street and phone are read through GET /deliveries/{id}/address (audited)
            event.put("deliveryCity", r.address().city());
        }
        OffsetDateTime promisedBy = promised;
        boolean calendarProvisional = provisional;
        return pool.withTransaction(tx -> Pipeline.inOrder(
                        tx.preparedQuery(
                                        "insert into fulfilment (id, prescription_id, member_id, pharmacy_code, mode, code_hash, "
                                                + "status, expires_at, promised_by, calendar_provisional, address_enc, delivery_city, created_at, updated_at) "
                                                + "values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)")
                                .execute(Tuple.from(new Object[] {
                                    id,
                                    pid,
                                    p.getString("member_id"),
                                    r.pharmacyCode(),
                                    r.mode().name(),
                                    Buffer.buffer(hash),
                                    status,
                                    expires,
                                    promisedBy,
                                    calendarProvisional,
                                    address,
                                    r.address() == null ? null : r.address().city(),
                                    now
                                }))
                                .onFailure(PgException.class)
                                .transform(e -> unique(e, "fulfilment_one_active")
                                        ? new ProblemException(409, "FULFILMENT_EXISTS")
                                        : e),
                        outbox.write(
                                tx,
                                r.pharmacyCode(),
                                r.mode() == FulfilmentApi.Mode.PICKUP ? "PICKUP_RESERVED" : "DELIVERY_REQUESTED",
                                id.toString(),
                                event),
                        audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "FULFILMENT_CHOSEN",
                                        "fulfilment",
                                        id.toString(),
                                        Map.of(
                                                "mode",
                                                r.mode().name(),
                                                "pharmacyCode",
                                                r.pharmacyCode(),
                                                "prescriptionId",
                                                pid.toString())))))
                .replaceWith(new Chosen(
                        id.toString(), r.mode(), code, Ids.local(expires), Ids.local(promisedBy), calendarProvisional));
    }

    /** Checks a code the member holds against the stored hash (the QR endpoint renders only a code that matches). */
    public Uni<String> verifyHeldCode(String fulfilmentId, String typed, Caller caller) {
        UUID id = Ids.uuidOr404(fulfilmentId);
        return pool.preparedQuery("select member_id, code_hash from fulfilment where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row f = rows.iterator().next();
                    caller.requireMemberVisible(f.getString("member_id"));
                    String canonical =
                            PickupCode.normalise(typed).orElseThrow(() -> new ProblemException(422, "CODE_MALFORMED"));
                    if (!MessageDigest.isEqual(
                            f.getBuffer("code_hash").getBytes(), cipher.lookupHash(CODE_PURPOSE, canonical))) {
                        throw new ProblemException(404, "CODE_UNKNOWN");
                    }
                    return PickupCode.format(canonical);
                });
    }

    public Uni<Void> cancel(String fulfilmentId, Caller caller) {
        UUID id = Ids.uuidOr404(fulfilmentId);
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "select f.member_id, f.pharmacy_code, f.status, f.prescription_id, p.drug_id, p.packs, f.mode, m.name "
                                + "from fulfilment f join prescription p on p.id = f.prescription_id join member m on m.member_id = f.member_id "
                                + "where f.id = $1 for update of f")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row f = rows.iterator().next();
                    caller.requireMemberVisible(f.getString("member_id"));
                    String status = f.getString("status");
                    if (!FulfilmentStatus.valueOf(status).cancellable())
                        throw new ProblemException(409, "ILLEGAL_TRANSITION", status, "CANCELLED");
                    return tx.preparedQuery("update fulfilment set status = 'CANCELLED', updated_at = $2 where id = $1")
                            .execute(Tuple.of(id, now()))
                            .flatMap(x -> outbox.write(
                                    tx,
                                    f.getString("pharmacy_code"),
                                    "CANCELLED",
                                    id.toString(),
                                    event(
                                            id,
                                            f.getUUID("prescription_id"),
                                            f.getString("drug_id"),
                                            null,
                                            f.getInteger("packs"),
                                            f.getString("mode"),
                                            f.getString("name"))))
                            .flatMap(x -> audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "FULFILMENT_CANCELLED",
                                            "fulfilment",
                                            id.toString(),
                                            Map.of("from", status))));
                }));
    }

    // ------------------------------------------------------------------ redemption at the counter

    private static final String BY_CODE =
            "select f.id, f.prescription_id, f.member_id, f.pharmacy_code, f.mode, f.status, f.expires_at, f.failed_attempts, f.locked_until, "
                    + "m.id_number_hash, m.name, p.policy_number, p.tier, p.drug_id, p.packs, pp.price_fen "
                    + "from fulfilment f join member m on m.member_id = f.member_id join prescription p on p.id = f.prescription_id "
                    + "left join pharmacy_price pp on pp.pharmacy_code = f.pharmacy_code and pp.drug_id = p.drug_id ";

    public Uni<Redemption> redeem(RedeemRequest r, Caller caller) {
        String pharmacy = counter(caller);
        String canonical =
                PickupCode.normalise(r.pickupCode()).orElseThrow(() -> new ProblemException(422, "CODE_MALFORMED"));
        if (!Boolean.TRUE.equals(r.prescriptionCollected()))
            throw new ProblemException(422, "PRESCRIPTION_NOT_COLLECTED");
        OffsetDateTime now = now();
        return usableCode(canonical, pharmacy, now, caller).flatMap(f -> {
            UUID fid = f.getUUID("id");
            if (!identityMatches(f, r.idNumber()))
                return countAndFail(
                        fid,
                        pharmacy,
                        "IDENTITY_MISMATCH",
                        now,
                        new ProblemException(422, "IDENTITY_MISMATCH"),
                        caller);
            Long price = f.getLong("price_fen");
            if (price == null) throw new ProblemException(422, "NO_CONTRACT_PRICE", pharmacy, f.getString("drug_id"));
            UUID dispenseId = UUID.randomUUID();
            Map<String, Object> event = event(
                    fid,
                    f.getUUID("prescription_id"),
                    f.getString("drug_id"),
                    null,
                    f.getInteger("packs"),
                    "PICKUP",
                    f.getString("name"));
            event.put("redemptionId", dispenseId.toString());
            // the claim and the aid programme's read go in one round trip (the aid read does not depend on the claim)
            return pool.withTransaction(tx -> Uni.combine()
                            .all()
                            .unis(
                                    tx.preparedQuery(
                                                    "update fulfilment set status = 'REDEEMED', updated_at = $2 "
                                                            + "where id = $1 and status = 'RESERVED' and expires_at > $2 and (locked_until is null or locked_until <= $2) returning id")
                                            .execute(Tuple.of(fid, now)),
                                    aid.effect(
                                            tx,
                                            f.getString("member_id"),
                                            f.getString("drug_id"),
                                            f.getInteger("packs")))
                            .asTuple()
                            .flatMap(t -> {
                                if (!t.getItem1().iterator().hasNext())
                                    throw new ProblemException(409, "CODE_ALREADY_REDEEMED");
                                return settle(
                                        tx,
                                        fid,
                                        f,
                                        pharmacy,
                                        price,
                                        r.socialInsurancePaidFen(),
                                        r.traceCodes(),
                                        dispenseId,
                                        "CODE_REDEEMED",
                                        event,
                                        now,
                                        caller,
                                        t.getItem2());
                            }))
                    .call(() -> money.afterCommit(f.getString("member_id")))
                    .map(m -> new Redemption(
                            dispenseId.toString(),
                            fid.toString(),
                            f.getUUID("prescription_id").toString(),
                            f.getString("drug_id"),
                            f.getInteger("packs"),
                            m));
        });
    }

    private static String counter(Caller caller) {
        if (caller.pharmacyId() == null) throw new ProblemException(403, "FORBIDDEN");
        return caller.pharmacyId();
    }

    /**
     * The fulfilment of a well-formed code, if this pharmacy may redeem it now: unknown → 404;
     * locked → 429; another pharmacy's → 404, counted as a failed attempt; used → 409;
     * cancelled, not a pickup or expired → 410.
     */
    private Uni<Row> usableCode(String canonical, String pharmacy, OffsetDateTime now, Caller caller) {
        byte[] hash = cipher.lookupHash(CODE_PURPOSE, canonical);
        return pool.preparedQuery(BY_CODE + "where f.code_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return failure(pharmacy, null, "CODE_UNKNOWN", now)
                                .flatMap(x -> Uni.createFrom().failure(new ProblemException(404, "CODE_UNKNOWN")));
                    }
                    Row f = rows.iterator().next();
                    requireNotLocked(f, now);
                    if (!f.getString("pharmacy_code").equals(pharmacy)) {
                        return countAndFail(
                                f.getUUID("id"),
                                pharmacy,
                                "WRONG_PHARMACY",
                                now,
                                new ProblemException(404, "CODE_UNKNOWN"),
                                caller);
                    }
                    String status = f.getString("status");
                    FulfilmentStatus state = FulfilmentStatus.valueOf(status);
                    if (state.handedOver()) throw new ProblemException(409, "CODE_ALREADY_REDEEMED");
                    if (state != FulfilmentStatus.RESERVED
                            || !f.getString("mode").equals("PICKUP")) throw new ProblemException(410, "CODE_EXPIRED");
                    if (!f.getOffsetDateTime("expires_at").isAfter(now))
                        throw new ProblemException(410, "CODE_EXPIRED");
                    return Uni.createFrom().item(f);
                });
    }

    /**
     * What the counter shows before confirming: the order (drug, packs, masked member name)
     * and the split a redemption would apply now. Changes nothing; the identity is checked
     * when the redemption is confirmed.
     */
    public Uni<FulfilmentApi.Preview> preview(FulfilmentApi.PreviewRequest r, Caller caller) {
        String pharmacy = counter(caller);
        String canonical =
                PickupCode.normalise(r.pickupCode()).orElseThrow(() -> new ProblemException(422, "CODE_MALFORMED"));
        OffsetDateTime now = now();
        return usableCode(canonical, pharmacy, now, caller).flatMap(f -> {
            Long price = f.getLong("price_fen");
            if (price == null) throw new ProblemException(422, "NO_CONTRACT_PRICE", pharmacy, f.getString("drug_id"));
            return aid.effect(f.getString("member_id"), f.getString("drug_id"), f.getInteger("packs"))
                    .flatMap(effect -> money.estimate(
                            f.getString("policy_number"),
                            f.getShort("tier"),
                            price,
                            f.getInteger("packs"),
                            r.socialInsurancePaidFen(),
                            effect))
                    .map(m -> new FulfilmentApi.Preview(
                            f.getUUID("id").toString(),
                            f.getUUID("prescription_id").toString(),
                            f.getString("drug_id"),
                            f.getInteger("packs"),
                            maskName(f.getString("name")),
                            Ids.local(f.getOffsetDateTime("expires_at")),
                            price,
                            m));
        });
    }

    /**
     * The money part of a redemption or a delivery, inside its transaction: the locked accumulator
     * read, then every write (the dispense's and these) in one pipelined round trip.
     */
    private Uni<MoneyBlock> settle(
            SqlClient tx,
            UUID fid,
            Row f,
            String pharmacy,
            long price,
            long socialInsurancePaid,
            List<String> traceCodes,
            UUID dispenseId,
            String eventType,
            Map<String, Object> event,
            OffsetDateTime now,
            Caller caller,
            AidRule.Effect effect) {
        UUID prescription = f.getUUID("prescription_id");
        return money.dispense(
                        com.oncopay.platform.db.Tx.of(tx),
                        new MoneyEngine.DispenseCommand(
                                dispenseId,
                                prescription,
                                f.getString("policy_number"),
                                f.getString("member_id"),
                                f.getShort("tier"),
                                pharmacy,
                                f.getString("drug_id"),
                                price,
                                f.getInteger("packs"),
                                socialInsurancePaid,
                                eventType,
                                event,
                                now,
                                effect),
                        m -> {
                            List<Uni<?>> writes = new ArrayList<>();
                            writes.add(tx.preparedQuery("update fulfilment set dispense_id = $2 where id = $1")
                                    .execute(Tuple.of(fid, dispenseId)));
                            writes.add(tx.preparedQuery(
                                            "update prescription set status = 'DISPENSED', dispensed_on = $2 where id = $1")
                                    .execute(Tuple.of(
                                            prescription,
                                            now.atZoneSameInstant(BusinessCalendar.ZONE)
                                                    .toLocalDate())));
                            if (traceCodes != null && !traceCodes.isEmpty()) {
                                writes.add(tx.preparedQuery(
                                                "insert into trace_code (code, dispense_id, at) values ($1, $2, $3)")
                                        .executeBatch(traceCodes.stream()
                                                .distinct()
                                                .map(c -> Tuple.of(c.toUpperCase(Locale.ROOT), dispenseId, now))
                                                .toList())
                                        .onFailure(PgException.class)
                                        .transform(e -> unique(e, "trace_code_pkey")
                                                ? new ProblemException(409, "TRACE_CODE_ALREADY_DISPENSED")
                                                : e));
                            }
                            writes.add(audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "DISPENSED",
                                            "dispense",
                                            dispenseId.toString(),
                                            Map.of(
                                                    "fulfilmentId",
                                                    fid.toString(),
                                                    "insurerPaysFen",
                                                    m.insurerPaysFen()))));
                            return writes;
                        })
                .map(MoneyEngine.Dispensed::money);
    }

    private boolean identityMatches(Row f, String idNumber) {
        String id = idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
        return MessageDigest.isEqual(
                f.getBuffer("id_number_hash").getBytes(), cipher.lookupHash(ReferenceDataService.ID_HASH_PURPOSE, id));
    }

    private static AttemptLock.State attempts(Row f) {
        OffsetDateTime until = f.getOffsetDateTime("locked_until");
        return new AttemptLock.State(f.getInteger("failed_attempts"), until == null ? null : until.toInstant());
    }

    /** 429 with Retry-After while the fulfilment is locked by failed attempts ({@link AttemptLock}). */
    private static void requireNotLocked(Row f, OffsetDateTime now) {
        AttemptLock.State s = attempts(f);
        if (AttemptLock.isLocked(s, now.toInstant())) {
            long seconds = AttemptLock.retryAfterSeconds(s, now.toInstant());
            throw new ProblemException(
                    429, "CODE_LOCKED", List.of(), List.of(), Map.of("Retry-After", Long.toString(seconds)), seconds);
        }
    }

    /** Counts a failed attempt ({@link AttemptLock}), records it, audits the lock it may cause, and answers {@code answer}. */
    private <T> Uni<T> countAndFail(
            UUID fid, String pharmacy, String reason, OffsetDateTime now, ProblemException answer, Caller caller) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "select failed_attempts, locked_until from fulfilment where id = $1 for update")
                        .execute(Tuple.of(fid))
                        .flatMap(rows -> {
                            AttemptLock.State before = attempts(rows.iterator().next());
                            AttemptLock.State after = AttemptLock.afterFailure(
                                    before, now.toInstant(), config.lockAfterFailures(), config.lockDuration());
                            OffsetDateTime until = after.lockedUntil() == null
                                    ? null
                                    : after.lockedUntil().atOffset(now.getOffset());
                            Uni<Void> lockAudit = AttemptLock.lockedBy(before, after, now.toInstant())
                                    ? audit.record(
                                            tx,
                                            AuditEntry.of(
                                                    caller,
                                                    "CODE_LOCKED",
                                                    "fulfilment",
                                                    fid.toString(),
                                                    Map.of(
                                                            "failedAttempts",
                                                            after.failedAttempts(),
                                                            "lockedUntil",
                                                            String.valueOf(until),
                                                            "reason",
                                                            reason)))
                                    : Uni.createFrom().voidItem();
                            return tx.preparedQuery(
                                            "update fulfilment set failed_attempts = $2, locked_until = $3 where id = $1")
                                    .execute(Tuple.of(fid, after.failedAttempts(), until))
                                    .flatMap(x -> lockAudit)
                                    .flatMap(x -> recordFailure(tx, pharmacy, fid, reason, now));
                        }))
                .flatMap(x -> Uni.createFrom().failure(answer));
    }

    private Uni<Void> failure(String pharmacy, UUID fid, String reason, OffsetDateTime now) {
        return recordFailure(pool, pharmacy, fid, reason, now);
    }

    private static Uni<Void> recordFailure(
            SqlClient client, String pharmacy, UUID fid, String reason, OffsetDateTime now) {
        return client.preparedQuery(
                        "insert into redemption_failure (pharmacy_code, fulfilment_id, reason, at) values ($1,$2,$3,$4)")
                .execute(Tuple.of(pharmacy, fid, reason, now))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ reversal

    public Uni<Reversal> reverse(String redemptionId, ReversalRequest r, Caller caller) {
        UUID did = Ids.uuidOr404(redemptionId);
        OffsetDateTime now = now();
        return pool.preparedQuery(
                        "select d.pharmacy_code, d.at, d.prescription_id, d.drug_id, d.packs, f.id as fulfilment_id, f.member_id, m.name, "
                                + "exists (select 1 from dispense x where x.reverses = d.id) as reversed "
                                + "from dispense d left join fulfilment f on f.dispense_id = d.id left join member m on m.member_id = f.member_id "
                                + "where d.id = $1 and d.kind = 'DISPENSE'")
                .execute(Tuple.of(did))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row d = rows.iterator().next();
                    caller.requirePharmacyVisible(d.getString("pharmacy_code"));
                    if (d.getBoolean("reversed")) throw new ProblemException(409, "ALREADY_REVERSED");
                    if (d.getOffsetDateTime("at").plus(config.reversalWindow()).isBefore(now))
                        throw new ProblemException(409, "REVERSAL_WINDOW_CLOSED");
                    UUID reversalId = UUID.randomUUID();
                    UUID fid = d.getUUID("fulfilment_id");
                    Map<String, Object> event = event(
                            fid,
                            d.getUUID("prescription_id"),
                            d.getString("drug_id"),
                            null,
                            d.getInteger("packs"),
                            null,
                            d.getString("name"));
                    event.put("redemptionId", did.toString());
                    event.put("reversalId", reversalId.toString());
                    event.put("reasonCode", r.reasonCode().name());
                    return pool.withTransaction(tx -> money.reverse(
                                            com.oncopay.platform.db.Tx.of(tx), reversalId, did, "REVERSED", event, now)
                                    .onFailure(PgException.class)
                                    .transform(e -> unique(e, "dispense_single_reversal")
                                            ? new ProblemException(409, "ALREADY_REVERSED")
                                            : e)
                                    .call(m -> fid == null
                                            ? Uni.createFrom().voidItem()
                                            : tx.preparedQuery(
                                                            "update fulfilment set status = 'REVERSED', updated_at = $2 where id = $1")
                                                    .execute(Tuple.of(fid, now)))
                                    .call(m -> tx.preparedQuery(
                                                    "update prescription set status = 'APPROVED', dispensed_on = null where id = $1 and status = 'DISPENSED'")
                                            .execute(Tuple.of(d.getUUID("prescription_id"))))
                                    .call(m -> audit.record(
                                            tx,
                                            AuditEntry.of(
                                                    caller,
                                                    "REVERSED",
                                                    "dispense",
                                                    did.toString(),
                                                    Map.of(
                                                            "reversalId",
                                                            reversalId.toString(),
                                                            "reasonCode",
                                                            r.reasonCode().name())))))
                            .call(() -> d.getString("member_id") == null
                                    ? Uni.createFrom().voidItem()
                                    : money.afterCommit(d.getString("member_id")))
                            .map(m -> new Reversal(reversalId.toString(), did.toString(), r.reasonCode(), m));
                });
    }

    // ------------------------------------------------------------------ home delivery

    private static final String DELIVERY =
            "select f.*, m.id_number_hash, m.name, p.policy_number, p.tier, p.drug_id, p.packs, pp.price_fen, "
                    + "d.total_fen, d.social_insurance_paid_fen, d.deductible_applied_fen, d.ratio_percent, d.insurer_pays_fen, d.member_pays_fen, "
                    + "d.sum_insured_before_fen, d.sum_insured_after_fen, d.deductible_remaining_after_fen "
                    + "from fulfilment f join member m on m.member_id = f.member_id join prescription p on p.id = f.prescription_id "
                    + "left join pharmacy_price pp on pp.pharmacy_code = f.pharmacy_code and pp.drug_id = p.drug_id "
                    + "left join dispense d on d.id = f.dispense_id ";

    public Uni<DeliveryView> deliveryStatus(String fulfilmentId, StatusRequest r, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        OffsetDateTime now = now();
        // when the pharmacy does not say when it happened, it happened now (the counter page sends no time of its own)
        OffsetDateTime at = r.at() == null ? now : r.at();
        if (at.isAfter(now.plusMinutes(5)) || at.getYear() < 1900)
            new FieldErrors().add("at", "INVALID", "not in the future").throwIfAny();
        return pool.preparedQuery(DELIVERY + "where f.id = $1 and f.mode = 'DELIVERY'")
                .execute(Tuple.of(fid))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row f = rows.iterator().next();
                    caller.requirePharmacyVisible(f.getString("pharmacy_code"));
                    String current = f.getString("status");
                    if (!FulfilmentStatus.valueOf(current).deliveryUnderWay()
                            || !DeliveryStatus.valueOf(current).canMoveTo(r.status())) {
                        throw new ProblemException(
                                409, "ILLEGAL_TRANSITION", current, r.status().name());
                    }
                    if (r.status() == DeliveryStatus.DELIVERED) {
                        if (r.idNumber() == null)
                            new FieldErrors()
                                    .add(
                                            "idNumber",
                                            "REQUIRED",
                                            "the recipient's identity number is checked on DELIVERED")
                                    .throwIfAny();
                        // the door counts wrong identity numbers as the counter does: the 10th locks the delivery for
                        // an hour
                        requireNotLocked(f, now);
                        if (!identityMatches(f, r.idNumber())) {
                            return countAndFail(
                                    fid,
                                    f.getString("pharmacy_code"),
                                    "IDENTITY_MISMATCH",
                                    now,
                                    new ProblemException(422, "IDENTITY_MISMATCH"),
                                    caller);
                        }
                        if (f.getLong("price_fen") == null)
                            throw new ProblemException(
                                    422, "NO_CONTRACT_PRICE", f.getString("pharmacy_code"), f.getString("drug_id"));
                    }
                    Map<String, Object> event = event(
                            fid,
                            f.getUUID("prescription_id"),
                            f.getString("drug_id"),
                            null,
                            f.getInteger("packs"),
                            "DELIVERY",
                            f.getString("name"));
                    event.put("status", r.status().name());
                    event.put("at", at.toString());
                    if (r.trackingNo() != null) event.put("trackingNo", r.trackingNo());
                    UUID dispenseId = UUID.randomUUID();
                    boolean settles = r.status() == DeliveryStatus.DELIVERED;
                    return pool.withTransaction(tx -> Uni.combine()
                                    .all()
                                    .unis(
                                            tx.preparedQuery(
                                                            "update fulfilment set status = $3, tracking_no = coalesce($4, tracking_no), updated_at = $5 "
                                                                    + "where id = $1 and status = $2 returning id")
                                                    .execute(Tuple.of(
                                                            fid,
                                                            current,
                                                            r.status().name(),
                                                            r.trackingNo(),
                                                            now)),
                                            settles
                                                    ? aid.effect(
                                                            tx,
                                                            f.getString("member_id"),
                                                            f.getString("drug_id"),
                                                            f.getInteger("packs"))
                                                    : Uni.createFrom().item(AidRule.Effect.NONE))
                                    .asTuple()
                                    .flatMap(t -> {
                                        if (!t.getItem1().iterator().hasNext())
                                            throw new ProblemException(
                                                    409,
                                                    "ILLEGAL_TRANSITION",
                                                    current,
                                                    r.status().name());
                                        if (!settles) {
                                            return Pipeline.inOrder(
                                                            outbox.write(
                                                                    tx,
                                                                    f.getString("pharmacy_code"),
                                                                    "DELIVERY_STATUS",
                                                                    fid.toString(),
                                                                    event),
                                                            audit.record(
                                                                    tx,
                                                                    AuditEntry.of(
                                                                            caller,
                                                                            "DELIVERY_"
                                                                                    + r.status()
                                                                                            .name(),
                                                                            "fulfilment",
                                                                            fid.toString(),
                                                                            Map.of("from", current))))
                                                    .replaceWith((MoneyBlock) null);
                                        }
                                        event.put("redemptionId", dispenseId.toString());
                                        return settle(
                                                tx,
                                                fid,
                                                f,
                                                f.getString("pharmacy_code"),
                                                f.getLong("price_fen"),
                                                r.socialInsurancePaidFen() == null ? 0 : r.socialInsurancePaidFen(),
                                                null,
                                                dispenseId,
                                                "DELIVERY_STATUS",
                                                event,
                                                now,
                                                caller,
                                                t.getItem2());
                                    }))
                            .call(m -> m == null
                                    ? Uni.createFrom().voidItem()
                                    : money.afterCommit(f.getString("member_id")))
                            .map(m -> new DeliveryView(
                                    fid.toString(),
                                    f.getUUID("prescription_id").toString(),
                                    f.getString("pharmacy_code"),
                                    f.getString("drug_id"),
                                    f.getInteger("packs"),
                                    r.status().name(),
                                    Ids.local(f.getOffsetDateTime("promised_by")),
                                    f.getBoolean("calendar_provisional"),
                                    false,
                                    r.trackingNo() != null ? r.trackingNo() : f.getString("tracking_no"),
                                    f.getString("delivery_city"),
                                    m));
                });
    }

    /** Deliveries of a pharmacy (or of all pharmacies when {@code pharmacy} is null), optionally only those past their promise. */
    public Uni<Page<DeliveryView>> deliveries(String pharmacy, boolean overdueOnly, int page, int size) {
        OffsetDateTime now = now();
        return pool.preparedQuery(DELIVERY.replace("from fulfilment f", ", count(*) over () as total from fulfilment f")
                        + "where f.mode = 'DELIVERY' and ($1::text is null or f.pharmacy_code = $1) "
                        + "and (not $2 or (f.status in ('REQUESTED','ACCEPTED','PACKED','SHIPPED') and f.promised_by < $3)) "
                        + "order by f.promised_by, f.id limit $4 offset $5")
                .execute(Tuple.of(pharmacy, overdueOnly, now, size, (long) page * size))
                .map(rows -> {
                    List<DeliveryView> out = new ArrayList<>();
                    long total = 0;
                    for (Row f : rows) {
                        MoneyBlock m = f.getLong("total_fen") == null
                                ? null
                                : new MoneyBlock(
                                        f.getLong("total_fen"),
                                        f.getLong("social_insurance_paid_fen"),
                                        f.getLong("deductible_applied_fen"),
                                        f.getInteger("ratio_percent"),
                                        f.getLong("insurer_pays_fen"),
                                        f.getLong("member_pays_fen"),
                                        f.getLong("sum_insured_before_fen"),
                                        f.getLong("sum_insured_after_fen"),
                                        f.getLong("deductible_remaining_after_fen"),
                                        null,
                                        null,
                                        List.of());
                        out.add(new DeliveryView(
                                f.getUUID("id").toString(),
                                f.getUUID("prescription_id").toString(),
                                f.getString("pharmacy_code"),
                                f.getString("drug_id"),
                                f.getInteger("packs"),
                                f.getString("status"),
                                Ids.local(f.getOffsetDateTime("promised_by")),
                                f.getBoolean("calendar_provisional"),
                                overdue(f.getString("status"), f.getOffsetDateTime("promised_by"), now),
                                f.getString("tracking_no"),
                                f.getString("delivery_city"),
                                m));
                        total = f.getLong("total");
                    }
                    return new Page<>(out, page, size, total);
                });
    }

    /** A delivery still under way past its promised time (a pickup has no promised time). */
    private static boolean overdue(String status, OffsetDateTime promisedBy, OffsetDateTime now) {
        return promisedBy != null && FulfilmentStatus.valueOf(status).deliveryUnderWay() && promisedBy.isBefore(now);
    }

    /** A member's fulfilments, newest first: pickup codes' expiry and home deliveries' tracking. */
    public Uni<List<FulfilmentApi.FulfilmentView>> memberFulfilments(String memberId) {
        OffsetDateTime now = now();
        return pool.preparedQuery(
                        "select f.id, f.prescription_id, f.mode, f.pharmacy_code, h.name as pharmacy_name, f.status, f.expires_at, "
                                + "f.promised_by, f.calendar_provisional, f.tracking_no, f.updated_at, p.drug_id, p.packs from fulfilment f "
                                + "join prescription p on p.id = f.prescription_id join pharmacy h on h.code = f.pharmacy_code "
                                + "where f.member_id = $1 order by f.created_at desc, f.id limit 100")
                .execute(Tuple.of(memberId))
                .map(rows -> {
                    List<FulfilmentApi.FulfilmentView> out = new ArrayList<>();
                    for (Row f : rows) {
                        OffsetDateTime promised = f.getOffsetDateTime("promised_by");
                        out.add(new FulfilmentApi.FulfilmentView(
                                f.getUUID("id").toString(),
                                f.getUUID("prescription_id").toString(),
                                f.getString("drug_id"),
                                f.getInteger("packs"),
                                FulfilmentApi.Mode.valueOf(f.getString("mode")),
                                f.getString("pharmacy_code"),
                                f.getString("pharmacy_name"),
                                f.getString("status"),
                                Ids.local(f.getOffsetDateTime("expires_at")),
                                Ids.local(promised),
                                f.getBoolean("calendar_provisional"),
                                overdue(f.getString("status"), promised, now),
                                f.getString("tracking_no"),
                                Ids.local(f.getOffsetDateTime("updated_at"))));
                    }
                    return out;
                });
    }

    /** Where a home delivery goes, for the pharmacy that delivers it (or ADMIN); every read is audited. */
    public Uni<FulfilmentApi.DeliveryAddress> deliveryAddress(String fulfilmentId, Caller caller) {
        UUID fid = Ids.uuidOr404(fulfilmentId);
        return pool.preparedQuery(
                        "select pharmacy_code, address_enc from fulfilment where id = $1 and mode = 'DELIVERY'")
                .execute(Tuple.of(fid))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw ProblemException.notFound();
                    Row f = rows.iterator().next();
                    caller.requirePharmacyVisible(f.getString("pharmacy_code"));
                    String[] a = cipher.decrypt(f.getBuffer("address_enc").getBytes(), ADDRESS_CONTEXT, fid.toString())
                            .split("\\|", -1);
                    return audit.record(AuditEntry.of(
                                    caller, "DELIVERY_ADDRESS_READ", "fulfilment", fid.toString(), Map.of()))
                            .replaceWith(
                                    new FulfilmentApi.DeliveryAddress(fid.toString(), a[0], a[1], a[2], a[3], a[4]));
                });
    }

    // ------------------------------------------------------------------ settlement

    public Uni<Settlement> settlement(String pharmacy, LocalDate from, LocalDate to) {
        if (to.isBefore(from))
            new FieldErrors().add("to", "INVALID", "must not be before from").throwIfAny();
        OffsetDateTime start = from.atStartOfDay(BusinessCalendar.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(BusinessCalendar.ZONE).toOffsetDateTime();
        return pool.preparedQuery("select d.id, d.kind, d.at, d.drug_id, d.packs, d.insurer_pays_fen from dispense d "
                        + "where d.pharmacy_code = $1 and d.at >= $2 and d.at < $3 order by d.at, d.id")
                .execute(Tuple.of(pharmacy, start, end))
                .map(rows -> {
                    List<SettlementLine> lines = new ArrayList<>();
                    long total = 0;
                    for (Row d : rows) {
                        String kind = d.getString("kind");
                        lines.add(new SettlementLine(
                                d.getUUID("id").toString(),
                                kind,
                                Ids.local(d.getOffsetDateTime("at")),
                                d.getString("drug_id"),
                                d.getInteger("packs"),
                                d.getLong("insurer_pays_fen")));
                        total = Math.addExact(total, d.getLong("insurer_pays_fen"));
                    }
                    return new Settlement(pharmacy, from, to, lines, total);
                });
    }

    // ------------------------------------------------------------------ helpers

    /** Event payload: what the counter needs, with the member's name masked; never an identity number or a diagnosis. */
    static Map<String, Object> event(
            UUID fulfilmentId,
            UUID prescriptionId,
            String drugId,
            String brandName,
            int packs,
            String mode,
            String memberName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schema", "dispatch-event/v1");
        if (fulfilmentId != null) e.put("fulfilmentId", fulfilmentId.toString());
        if (prescriptionId != null) e.put("prescriptionId", prescriptionId.toString());
        e.put("drugId", drugId);
        if (brandName != null) e.put("brandName", brandName);
        e.put("packs", packs);
        if (mode != null) e.put("mode", mode);
        e.put("memberName", maskName(memberName));
        return e;
    }

    static String maskName(String name) {
        if (name == null || name.isBlank()) return "*";
        int first = name.codePointAt(0);
        return new String(Character.toChars(first))
                + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }

    private static String normaliseCity(String city) {
        String c = city == null ? "" : city.strip();
        return c.endsWith("市") ? c.substring(0, c.length() - 1) : c;
    }

    private static boolean unique(Throwable e, String constraint) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
    }
}
