package com.oncopay.receivable;

import com.oncopay.dispatch.Outbox;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import com.oncopay.receivable.ReceivableApi.ReceivableView;
import com.oncopay.receivable.domain.Repayment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Recording what the member paid back ({@link Repayment}), and reading a member's receivables. */
@ApplicationScoped
public class ReceivablePayments {
    private final Transactions transactions;
    private final ReceivableRepository repository;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public ReceivablePayments(
            Transactions transactions, ReceivableRepository repository, Outbox outbox, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** One transaction: the payment, the receivable's new state, its two ledger rows, the outbox row and the audit row. */
    public Uni<ReceivableView> pay(String receivableId, long amountFen, LocalDate paidOn, Caller caller) {
        UUID id = Ids.uuidOr404(receivableId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = paidOn == null ? today : paidOn;
        FieldErrors errors = new FieldErrors().date("paidOn", on);
        if (on.isAfter(today)) errors.add("paidOn", "INVALID", "must not be in the future");
        errors.throwIfAny();
        UUID paymentId = UUID.randomUUID();
        return transactions
                .inTransaction(tx -> repository.lock(tx, id).flatMap(found -> {
                    ReceivableRepository.Locked r = found.orElseThrow(Refused::notFound);
                    Repayment.Outcome o = Repayment.apply(r.balance(), amountFen);
                    if (Repayment.NOT_COLLECTABLE.equals(o.refusal())) throw Refused.conflict(o.refusal());
                    if (o.refusal() != null)
                        throw Refused.rule(
                                o.refusal(), Messages.yuan(r.balance().outstandingFen()));
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("schema", "finance-event/v1");
                    event.put("receivableId", id.toString());
                    event.put("paymentId", paymentId.toString());
                    event.put("amountFen", amountFen);
                    event.put("paidOn", on.toString());
                    event.put("status", o.status().name());
                    return repository
                            .pay(tx, id, paymentId, r.policyNumber(), amountFen, o, on, caller.subject(), now)
                            .chain(() -> outbox.write(
                                    tx, OpeningReceivables.STREAM, "MEMBER_RECEIVABLE_PAID", id.toString(), event))
                            .chain(() -> audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "RECEIVABLE_PAYMENT_RECORDED",
                                            "receivable",
                                            id.toString(),
                                            Map.of(
                                                    "amountFen",
                                                    amountFen,
                                                    "paidOn",
                                                    on.toString(),
                                                    "from",
                                                    r.balance().status().name(),
                                                    "to",
                                                    o.status().name()))));
                }))
                .chain(() -> transactions.onConnection(tx -> repository.views(tx, null, id)))
                .map(l -> l.get(0));
    }

    /** One receivable as the member's list shows it. */
    public Uni<ReceivableView> one(String receivableId) {
        UUID id = UUID.fromString(receivableId);
        return transactions.onConnection(tx -> repository.views(tx, null, id)).map(l -> l.get(0));
    }

    /** A member's receivables, newest first, as a page (a member has few: they are read whole and cut here). */
    public Uni<Page<ReceivableView>> ofMember(String memberId, int page, int size) {
        return transactions
                .onConnection(tx -> repository.views(tx, memberId, null))
                .map(all -> new Page<>(
                        all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size()));
    }
}
