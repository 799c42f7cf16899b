package com.oncopay.fulfilment;

import com.oncopay.dispatch.Outbox;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The member cancels a fulfilment before the pharmacy has packed or handed it over. */
@ApplicationScoped
public class CancellingFulfilment {
    private final Transactions transactions;
    private final FulfilmentRepository repository;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public CancellingFulfilment(
            Transactions transactions, FulfilmentRepository repository, Outbox outbox, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Void> cancel(String fulfilmentId, Caller caller) {
        UUID id = Ids.uuidOr404(fulfilmentId);
        return transactions.inTransaction(tx -> repository.lockForCancel(tx, id).flatMap(found -> {
            FulfilmentRepository.Cancellable f = found.orElseThrow(Refused::notFound);
            caller.requireMemberVisible(f.memberId());
            if (!f.status().cancellable())
                throw Refused.conflict("ILLEGAL_TRANSITION", f.status().name(), FulfilmentStatus.CANCELLED.name());
            return repository
                    .setStatus(tx, id, FulfilmentStatus.CANCELLED, OffsetDateTime.now(clock))
                    .flatMap(x -> outbox.write(
                            tx,
                            f.pharmacyCode(),
                            "CANCELLED",
                            id.toString(),
                            FulfilmentEvents.event(
                                    id, f.prescriptionId(), f.drugId(), null, f.packs(), f.mode(), f.memberName())))
                    .flatMap(x -> audit.record(
                            tx,
                            AuditEntry.of(
                                    caller,
                                    "FULFILMENT_CANCELLED",
                                    "fulfilment",
                                    id.toString(),
                                    Map.of("from", f.status().name()))));
        }));
    }
}
