package com.oncopay.coverage;

import com.oncopay.coverage.domain.MisuseBlock;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one check the service paths call while a member may be flagged for misuse ({@link MisuseBlock}):
 * 422 MEMBER_FLAGGED_MISUSE when a flag is in force.
 */
@ApplicationScoped
public class MisuseGuard {
    private final MisuseFlagRepository flags;

    public MisuseGuard(MisuseFlagRepository flags) {
        this.flags = flags;
    }

    /**
     * A read on the caller's connection, without a lock: refuses when the member is flagged. For a unit that
     * reads before it decides (a submission): the read goes out with its other reads, in one round trip.
     */
    public Uni<Void> checkNotFlagged(Tx tx, String memberId) {
        return flags.inForce(tx, memberId).map(f -> {
            if (f.isPresent()) throw Refused.rule(MisuseBlock.CODE);
            return null;
        });
    }

    /**
     * Inside the caller's transaction, which then creates something for the member: waits for a flag being
     * committed, then refuses when the member is flagged (the transaction rolls back). A flag committed after
     * this read voids what the transaction created, as it waits for the member row this transaction holds.
     * Both reads are sent together ({@link Pipeline}): PostgreSQL runs the second once the first has its lock, with a
     * snapshot taken then. (Chained, the second was sent from the first's answer, after the statements the caller
     * had queued behind them.)
     */
    public Uni<Void> requireNotFlagged(Tx tx, String memberId) {
        return Pipeline.inOrder(flags.awaitMember(tx, memberId), checkNotFlagged(tx, memberId));
    }
}
