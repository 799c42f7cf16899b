package com.oncopay.coverage;

import com.oncopay.coverage.domain.PolicyCancellation;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A policy's cancellation ({@code policy.cancelled_from} and its {@code policy_cancellation} row). */
@ApplicationScoped
public class CancellationRepository {
    /** The term to cancel, with its member. */
    public record Locked(String memberId, PolicyCancellation.Term term) {}

    /** A cancellation as recorded. */
    public record Recorded(
            String policyNumber,
            String reason,
            LocalDate effectiveDate,
            LocalDate cancelledFrom,
            LocalDate coolingOffEndsOn,
            String note,
            String cancelledBy,
            OffsetDateTime cancelledAt) {}

    /** The policy, locked until the transaction ends (a second cancellation waits and then sees the first). */
    public Uni<Optional<Locked>> lock(Tx tx, String policyNumber) {
        return tx.client().preparedQuery("""
                        select member_id, effective_date, expiry_date, received_on, cancelled_from from policy
                        where policy_number = $1 for update""").execute(Tuple.of(policyNumber)).map(rows -> {
            if (!rows.iterator().hasNext()) return Optional.empty();
            Row r = rows.iterator().next();
            return Optional.of(new Locked(
                    r.getString("member_id"),
                    new PolicyCancellation.Term(
                            policyNumber,
                            r.getLocalDate("effective_date"),
                            r.getLocalDate("expiry_date"),
                            r.getLocalDate("received_on"),
                            r.getLocalDate("cancelled_from") != null)));
        });
    }

    /** Ends the policy's cover from {@code c.cancelledFrom()} and records the cancellation. */
    public Uni<Void> cancel(Tx tx, Recorded c) {
        return tx.client()
                .preparedQuery("update policy set cancelled_from = $2 where policy_number = $1")
                .execute(Tuple.of(c.policyNumber(), c.cancelledFrom()))
                .chain(() -> tx.client().preparedQuery("""
                                insert into policy_cancellation (policy_number, reason, effective_date, cancelled_from,
                                cooling_off_ends_on, note, cancelled_by, cancelled_at) values ($1,$2,$3,$4,$5,$6,$7,$8)""").execute(Tuple.from(new Object[] {
                    c.policyNumber(),
                    c.reason(),
                    c.effectiveDate(),
                    c.cancelledFrom(),
                    c.coolingOffEndsOn(),
                    c.note(),
                    c.cancelledBy(),
                    c.cancelledAt()
                })))
                .replaceWithVoid();
    }
}
