package com.oncopay.receivable;

import com.oncopay.dispatch.Outbox;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.security.Caller;
import com.oncopay.receivable.domain.MisuseRecovery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens the receivables of a misuse flag or of a policy's cancellation inside the caller's transaction ({@link MisuseRecovery}):
 * per policy the receivable, its items, its ledger rows, an outbox row on the insurer's own stream
 * ({@link #STREAM}, never a pharmacy's: settlement with pharmacies is unchanged) and an audit row.
 */
@ApplicationScoped
public class OpeningReceivables {
    /** The outbox stream of the insurer's finance events; no pharmacy code can start with '_'. */
    public static final String STREAM = "_insurer";

    public static final String CAUSE_MISUSE = "MISUSE";
    /** Dispenses handed over on or after a cancelled policy's first day without cover (#20 item 5). */
    public static final String CAUSE_POLICY_CANCELLED = "POLICY_CANCELLED";

    /** A receivable just opened. */
    public record Opened(String receivableId, String policyNumber, long amountFen, LocalDate dueOn) {}

    private final ReceivableRepository repository;
    private final Outbox outbox;
    private final AuditLog audit;
    private final ReceivableConfig config;
    private final Clock clock;

    public OpeningReceivables(
            ReceivableRepository repository, Outbox outbox, AuditLog audit, ReceivableConfig config, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** In {@code tx}: the receivables recovering the member's dispenses (of {@code prescriptionId} only when given). */
    public Uni<List<Opened>> forMisuse(Tx tx, String memberId, UUID prescriptionId, UUID flagId, Caller caller) {
        return repository
                .recoverable(tx, memberId, prescriptionId)
                .flatMap(dispensed -> open(tx, memberId, CAUSE_MISUSE, flagId, dispensed, caller));
    }

    /**
     * In {@code tx}: the receivable recovering what direct pay paid for the dispenses drawn on a cancelled policy and
     * handed over at or after {@code uncoveredFrom} (the start of its first day without cover).
     */
    public Uni<List<Opened>> forCancellation(
            Tx tx, String memberId, String policyNumber, OffsetDateTime uncoveredFrom, Caller caller) {
        return repository
                .recoverableOfPolicy(tx, memberId, policyNumber, uncoveredFrom)
                .flatMap(dispensed -> open(tx, memberId, CAUSE_POLICY_CANCELLED, null, dispensed, caller));
    }

    /** Per policy the receivable of {@code dispensed}, with its items, ledger rows, outbox row and audit row. */
    private Uni<List<Opened>> open(
            Tx tx,
            String memberId,
            String cause,
            UUID causeId,
            List<MisuseRecovery.Dispensed> dispensed,
            Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate dueOn = MisuseRecovery.dueOn(LocalDate.now(clock), config.dueDays());
        List<Opened> opened = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MisuseRecovery.Claim claim : MisuseRecovery.claims(dispensed)) {
            UUID id = UUID.randomUUID();
            opened.add(new Opened(id.toString(), claim.policyNumber(), claim.amountFen(), dueOn));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("schema", "finance-event/v1");
            event.put("receivableId", id.toString());
            event.put("memberId", memberId);
            event.put("policyNumber", claim.policyNumber());
            event.put("cause", cause);
            event.put("amountFen", claim.amountFen());
            event.put("dueOn", dueOn.toString());
            chain = chain.chain(() -> repository.open(tx, id, memberId, cause, causeId, claim, dueOn, now))
                    .chain(() -> outbox.write(tx, STREAM, "MEMBER_RECEIVABLE_OPENED", id.toString(), event))
                    .chain(() -> audit.record(
                            tx,
                            AuditEntry.of(
                                    caller,
                                    "RECEIVABLE_OPENED",
                                    "receivable",
                                    id.toString(),
                                    Map.of(
                                            "memberId",
                                            memberId,
                                            "cause",
                                            cause,
                                            "amountFen",
                                            claim.amountFen(),
                                            "dispenses",
                                            claim.items().size()))));
        }
        return chain.replaceWith(opened);
    }
}
