package com.oncopay.fulfilment;

import com.oncopay.catalog.DrugLabel;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.catalog.domain.DrugForm;
import com.oncopay.fulfilment.domain.ReversalWindow;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.web.Ids;
import com.oncopay.platform.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The counter's list of this pharmacy's recent redemptions, newest first, each with its drug's names, its money and
 * whether it can still be reversed (not reversed yet, and inside the reversal window).
 */
@ApplicationScoped
public class RecentRedemptions {
    /** One redemption as the counter lists it; {@code reversibleUntil} is when the reversal window closes. */
    public record Line(
            String redemptionId,
            OffsetDateTime at,
            String drugId,
            String brandName,
            String genericName,
            DrugForm form,
            int packs,
            long totalFen,
            long insurerPaysFen,
            long memberPaysFen,
            boolean reversed,
            boolean reversible,
            OffsetDateTime reversibleUntil) {}

    private final Transactions transactions;
    private final DispenseRepository dispenses;
    private final DrugLabels labels;
    private final FulfilmentConfig config;
    private final Clock clock;

    public RecentRedemptions(
            Transactions transactions,
            DispenseRepository dispenses,
            DrugLabels labels,
            FulfilmentConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.dispenses = dispenses;
        this.labels = labels;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Page<Line>> list(String pharmacy, int page, int size) {
        var now = clock.instant();
        return labels.all()
                .flatMap(names -> transactions.inTransaction(tx -> dispenses
                        .countRecent(tx, pharmacy)
                        .flatMap(total -> dispenses
                                .recent(tx, pharmacy, page, size)
                                .map(rows -> new Page<>(
                                        rows.stream()
                                                .map(d -> {
                                                    DrugLabel drug = names.getOrDefault(
                                                            d.drugId(), DrugLabel.unknown(d.drugId()));
                                                    boolean open = !ReversalWindow.closed(
                                                            d.at().toInstant(), config.reversalWindow(), now);
                                                    return new Line(
                                                            d.id().toString(),
                                                            Ids.local(d.at()),
                                                            d.drugId(),
                                                            drug.brandName(),
                                                            drug.genericName(),
                                                            drug.form(),
                                                            d.packs(),
                                                            d.totalFen(),
                                                            d.insurerPaysFen(),
                                                            d.memberPaysFen(),
                                                            d.reversed(),
                                                            !d.reversed() && open,
                                                            Ids.local(d.at().plus(config.reversalWindow())));
                                                })
                                                .toList(),
                                        page,
                                        size,
                                        total)))));
    }
}
