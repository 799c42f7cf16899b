package com.oncopay.misuse;

import com.oncopay.coverage.EligibilityCache;
import com.oncopay.coverage.MisuseFlagRepository;
import com.oncopay.coverage.domain.MisuseBlock;
import com.oncopay.fulfilment.VoidingFulfilments;
import com.oncopay.misuse.MisuseApi.FlagView;
import com.oncopay.misuse.domain.ReasonText;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.OpeningReceivables;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 004: 如本公司查明正在申请或享受本服务者并非您本人，本公司有权立即拒绝提供本服务并保留追偿的权利.
 * Flagging a member's case (one transaction): the flag, every open fulfilment voided with its
 * pharmacy's event, the receivables recovering what direct pay already paid, and the audit row.
 * Lifting it lets new codes be issued again; voided codes stay voided and receivables stay.
 */
@ApplicationScoped
public class FlaggingMisuse {
    private final Transactions transactions;
    private final MisuseFlagRepository flags;
    private final VoidingFulfilments voiding;
    private final OpeningReceivables receivables;
    private final EligibilityCache eligibility;
    private final AuditLog audit;
    private final Clock clock;

    public FlaggingMisuse(
            Transactions transactions,
            MisuseFlagRepository flags,
            VoidingFulfilments voiding,
            OpeningReceivables receivables,
            EligibilityCache eligibility,
            AuditLog audit,
            Clock clock) {
        this.transactions = transactions;
        this.flags = flags;
        this.voiding = voiding;
        this.receivables = receivables;
        this.eligibility = eligibility;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<FlagView> flag(String memberId, MisuseApi.FlagRequest r, Caller caller) {
        checkReason(r.reason());
        UUID prescriptionId = r.prescriptionId() == null ? null : Ids.uuidOr404(r.prescriptionId());
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return transactions
                .inTransaction(tx -> flags.lockMember(tx, memberId)
                        .chain(exists -> {
                            if (!exists) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
                            return flags.inForce(tx, memberId);
                        })
                        .chain(inForce -> {
                            if (inForce.isPresent()) throw Refused.conflict("MEMBER_ALREADY_FLAGGED");
                            return prescriptionId == null
                                    ? Uni.createFrom().item(true)
                                    : flags.prescriptionOf(tx, memberId, prescriptionId);
                        })
                        .chain(ofMember -> {
                            if (!ofMember) throw Refused.rule("PRESCRIPTION_NOT_OF_MEMBER");
                            return flags.insert(tx, id, memberId, prescriptionId, r.reason(), caller.subject(), now);
                        })
                        .chain(() -> voiding.voidOpen(tx, memberId, MisuseBlock.CODE, caller))
                        .chain(voided -> receivables
                                .forMisuse(tx, memberId, prescriptionId, id, caller)
                                .chain(opened -> {
                                    Map<String, Object> detail = new HashMap<>();
                                    detail.put("reason", r.reason());
                                    detail.put("memberId", memberId);
                                    if (prescriptionId != null) detail.put("prescriptionId", prescriptionId.toString());
                                    detail.put("voidedFulfilments", voided.size());
                                    detail.put("receivables", opened.size());
                                    return audit.record(
                                                    tx,
                                                    AuditEntry.of(
                                                            caller,
                                                            "MEMBER_FLAGGED_MISUSE",
                                                            "member",
                                                            memberId,
                                                            detail))
                                            .replaceWith(new FlagView(
                                                    memberId,
                                                    true,
                                                    r.reason(),
                                                    prescriptionId == null ? null : prescriptionId.toString(),
                                                    Ids.local(now),
                                                    caller.subject(),
                                                    voided.stream()
                                                            .map(v -> v.id().toString())
                                                            .toList(),
                                                    opened));
                                })))
                .call(() -> eligibility.invalidate(memberId));
    }

    public Uni<FlagView> lift(String memberId, MisuseApi.LiftRequest r, Caller caller) {
        checkReason(r.reason());
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return transactions
                .inTransaction(tx -> flags.lockMember(tx, memberId)
                        .chain(exists -> {
                            if (!exists) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
                            return flags.inForce(tx, memberId);
                        })
                        .chain(inForce -> {
                            MisuseFlagRepository.InForce f =
                                    inForce.orElseThrow(() -> Refused.conflict("MEMBER_NOT_FLAGGED"));
                            return flags.lift(tx, f.id(), r.reason(), caller.subject(), now)
                                    .chain(() -> audit.record(
                                            tx,
                                            AuditEntry.of(
                                                    caller,
                                                    "MEMBER_MISUSE_FLAG_LIFTED",
                                                    "member",
                                                    memberId,
                                                    Map.of("reason", r.reason(), "memberId", memberId))));
                        }))
                .call(() -> eligibility.invalidate(memberId))
                .replaceWith(new FlagView(memberId, false, null, null, null, null, List.of(), List.of()));
    }

    /** The flag in force, if any (for the reviewer's page). */
    public Uni<FlagView> state(String memberId) {
        return transactions
                .onConnection(tx -> flags.exists(tx, memberId).chain(exists -> {
                    if (!exists) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
                    return flags.inForce(tx, memberId);
                }))
                .map(found -> found.map(f -> new FlagView(
                                memberId,
                                true,
                                f.reason(),
                                f.prescriptionId() == null
                                        ? null
                                        : f.prescriptionId().toString(),
                                Ids.local(f.flaggedAt()),
                                f.flaggedBy(),
                                List.of(),
                                List.of()))
                        .orElseGet(() -> new FlagView(memberId, false, null, null, null, null, List.of(), List.of())));
    }

    private static void checkReason(String reason) {
        if (ReasonText.carriesIdNumber(reason))
            new FieldErrors()
                    .add("reason", "CONTAINS_ID_NUMBER", "the reason must not carry an identity number")
                    .throwIfAny();
    }
}
