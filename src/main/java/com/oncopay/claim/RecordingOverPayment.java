package com.oncopay.claim;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.claim.ClaimApi.OverPaymentRequest;
import com.oncopay.claim.domain.ClaimStatus;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.web.Ids;
import com.oncopay.receivable.ReceivableApi.ReceivableView;
import com.oncopay.receivable.ReceivablePayments;
import com.oncopay.receivable.RecoveringDispenses;
import com.oncopay.receivable.domain.DispenseRecovery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * The over-payment the terms name (seed 004: 「直付用药服务仅为镁信健康为您垫付本次就诊发生的保险责任范围内的药品费用，
 * 对于不属于保险责任范围内的药品费用、超出相应费用限额的药品费用等，您应当将上述相应款项退还」): on a claim whose liability
 * was confirmed for less than was advanced, the part outside the cover becomes an {@code OVER_PAYMENT} receivable and
 * that part of the sum insured is given back, in one transaction (lock order of {@code MoneyEngine}).
 */
@ApplicationScoped
public class RecordingOverPayment {
    public static final String CLAIM_NOT_CONFIRMED = "CLAIM_NOT_CONFIRMED";

    private final Transactions transactions;
    private final ClaimRepository repository;
    private final MoneyEngine money;
    private final RecoveringDispenses recovering;
    private final ReceivablePayments receivables;
    private final Clock clock;

    public RecordingOverPayment(
            Transactions transactions,
            ClaimRepository repository,
            MoneyEngine money,
            RecoveringDispenses recovering,
            ReceivablePayments receivables,
            Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.money = money;
        this.recovering = recovering;
        this.receivables = receivables;
        this.clock = clock;
    }

    public Uni<ReceivableView> record(String claimId, OverPaymentRequest r, Caller caller) {
        UUID id = Ids.uuidOr404(claimId);
        String problem = r.reasonCode().problem(r.note());
        if (problem != null)
            new FieldErrors()
                    .add("note", problem, Messages.title(Locale.ENGLISH, problem))
                    .throwIfAny();
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions
                .inTransaction(tx -> repository.dispenseOf(tx, id).flatMap(dispense -> {
                    UUID did = dispense.orElseThrow(Refused::notFound);
                    return money.lockDispense(tx, did)
                            .flatMap(d -> repository.lock(tx, id).flatMap(found -> {
                                ClaimRepository.Locked c = found.orElseThrow(Refused::notFound);
                                if (c.status() != ClaimStatus.LIABILITY_CONFIRMED)
                                    throw Refused.conflict(
                                            CLAIM_NOT_CONFIRMED, c.status().name());
                                return recovering.recover(
                                        tx,
                                        new RecoveringDispenses.Recovery(
                                                did,
                                                d,
                                                DispenseRecovery.Cause.OVER_PAYMENT,
                                                id,
                                                r.reasonCode().name(),
                                                note,
                                                r.amountFen(),
                                                now),
                                        caller);
                            }));
                }))
                .call(rec -> money.afterCommit(rec.memberId()))
                .chain(rec -> receivables.one(rec.receivableId()));
    }
}
