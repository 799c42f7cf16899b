package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Failed attempts on a fulfilment, alike at the counter and at the door ({@link AttemptLock}): the
 * identity check, the lock refusal, and counting a failure (with its audit when it locks).
 */
@ApplicationScoped
public class FailedAttempts {
    private final Transactions transactions;
    private final RedemptionRepository repository;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final FulfilmentConfig config;

    public FailedAttempts(
            Transactions transactions,
            RedemptionRepository repository,
            AuditLog audit,
            FieldCipher cipher,
            FulfilmentConfig config) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.cipher = cipher;
        this.config = config;
    }

    public boolean identityMatches(FulfilmentOrder f, String idNumber) {
        String id = idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
        return MessageDigest.isEqual(
                f.idNumberHash(), cipher.lookupHash(com.oncopay.coverage.ReferenceDataService.ID_HASH_PURPOSE, id));
    }

    /**
     * The answer while locked: 429 with Retry-After. {@code Refused} has no kind for "too many requests"
     * nor headers, so this one stays a ProblemException.
     */
    public static RuntimeException locked(AttemptLock.State s, OffsetDateTime now) {
        long seconds = AttemptLock.retryAfterSeconds(s, now.toInstant());
        return new ProblemException(
                429, "CODE_LOCKED", List.of(), List.of(), Map.of("Retry-After", Long.toString(seconds)), seconds);
    }

    /**
     * Records an unknown code (no fulfilment to count it on) through {@code db} (the pool, or the connection the
     * lookup held) and answers {@code answer}.
     */
    public <T> Uni<T> unknown(Tx db, String pharmacy, String reason, OffsetDateTime now, RuntimeException answer) {
        return repository
                .recordFailure(db, pharmacy, null, reason, now)
                .flatMap(x -> Uni.createFrom().failure(answer));
    }

    /**
     * Counts a failed attempt, records it, audits the lock it may cause, and answers {@code answer}: in one
     * transaction on the connection {@code db} holds ({@link Transactions#onConnection}), or on one of its own when
     * {@code db} is the pool.
     */
    public <T> Uni<T> countAndFail(
            Tx db,
            UUID fid,
            String pharmacy,
            String reason,
            OffsetDateTime now,
            RuntimeException answer,
            Caller caller) {
        return transactions
                .inTransactionOn(
                        db,
                        tx -> repository.lockAttempts(tx, fid).flatMap(before -> {
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
                            return repository
                                    .saveAttempts(tx, fid, after, now.getOffset())
                                    .flatMap(x -> lockAudit)
                                    .flatMap(x -> repository.recordFailure(tx, pharmacy, fid, reason, now));
                        }))
                .flatMap(x -> Uni.createFrom().failure(answer));
    }
}
