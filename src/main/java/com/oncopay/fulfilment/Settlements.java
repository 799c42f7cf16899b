package com.oncopay.fulfilment;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.catalog.DrugLabel;
import com.oncopay.catalog.DrugLabels;
import com.oncopay.fulfilment.FulfilmentApi.Settlement;
import com.oncopay.fulfilment.FulfilmentApi.SettlementLine;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.web.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What the insurer owes a pharmacy for a period (dates inclusive, Asia/Shanghai); reversals are negative lines. */
@ApplicationScoped
public class Settlements {
    private final Transactions transactions;
    private final DispenseRepository dispenses;
    private final DrugLabels labels;

    public Settlements(Transactions transactions, DispenseRepository dispenses, DrugLabels labels) {
        this.transactions = transactions;
        this.dispenses = dispenses;
        this.labels = labels;
    }

    public Uni<Settlement> settlement(String pharmacy, LocalDate from, LocalDate to) {
        if (to.isBefore(from))
            new FieldErrors().add("to", "INVALID", "must not be before from").throwIfAny();
        OffsetDateTime start = from.atStartOfDay(BusinessCalendar.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(BusinessCalendar.ZONE).toOffsetDateTime();
        return labels.all()
                .flatMap(names -> dispenses
                        .lines(transactions.autoCommit(), pharmacy, start, end)
                        .map(rows -> {
                            List<SettlementLine> lines = new ArrayList<>();
                            long total = 0;
                            for (DispenseRepository.Line d : rows) {
                                DrugLabel drug = names.getOrDefault(d.drugId(), DrugLabel.unknown(d.drugId()));
                                lines.add(new SettlementLine(
                                        d.id().toString(),
                                        d.kind(),
                                        Ids.local(d.at()),
                                        d.drugId(),
                                        drug.brandName(),
                                        drug.genericName(),
                                        drug.form(),
                                        d.packs(),
                                        d.insurerPaysFen()));
                                total = Math.addExact(total, d.insurerPaysFen());
                            }
                            return new Settlement(pharmacy, from, to, lines, total);
                        }));
    }
}
