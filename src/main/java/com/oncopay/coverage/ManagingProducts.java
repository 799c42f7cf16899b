package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.ProductRequest;
import com.oncopay.coverage.CoverageApi.ProductView;
import com.oncopay.coverage.CoverageApi.Ratio;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates a product with its payout-ratio table (one transaction with its audit row) and reads it back. */
@ApplicationScoped
public class ManagingProducts {
    private final Transactions transactions;
    private final AuditLog audit;
    private final ProductRepository products;

    public ManagingProducts(Transactions transactions, AuditLog audit, ProductRepository products) {
        this.transactions = transactions;
        this.audit = audit;
        this.products = products;
    }

    public Uni<ProductView> create(ProductRequest r, Caller caller, boolean demo) {
        FieldErrors errors = new FieldErrors();
        Set<String> combos = new HashSet<>();
        for (int i = 0; i < r.ratios().size(); i++) {
            Ratio x = r.ratios().get(i);
            if (!combos.add(x.tier() + "/" + x.socialInsuranceUsed()))
                errors.add("ratios[" + i + "]", "INVALID", "duplicate tier and socialInsuranceUsed");
        }
        if (errors.isEmpty() && combos.size() != 6) {
            errors.add(
                    "ratios", "INVALID", "a ratio is needed for each tier 1-3 with and without social insurance (6)");
        }
        String from = r.malignantFrom() == null ? "C00" : r.malignantFrom();
        String to = r.malignantTo() == null ? "C97" : r.malignantTo();
        if (from.compareTo(to) > 0) errors.add("malignantTo", "INVALID", "must not be before malignantFrom");
        errors.throwIfAny();
        ProductEntity p = new ProductEntity();
        p.code = r.code();
        p.name = r.name();
        p.planLevel = r.planLevel();
        p.sumInsuredFen = r.sumInsuredFen();
        p.deductibleFen = r.deductibleFen();
        p.waitingPeriodDays = r.waitingPeriodDays();
        p.renewalGraceDays = r.renewalGraceDays();
        p.malignantFrom = from;
        p.malignantTo = to;
        p.demo = demo;
        List<ProductRatioEntity> ratios = r.ratios().stream()
                .map(x -> ProductRatioEntity.of(r.code(), x.tier(), x.socialInsuranceUsed(), x.percent()))
                .toList();
        return transactions
                .inEntityTransaction(() -> products.exists(r.code())
                        .flatMap(found -> {
                            if (found) throw Refused.conflict("ALREADY_EXISTS", r.code());
                            return products.insert(p, ratios);
                        })
                        .chain(() -> audit.recordInEntityTransaction(AuditEntry.of(
                                caller,
                                "PRODUCT_CREATED",
                                "product",
                                r.code(),
                                Map.of("planLevel", r.planLevel().name())))))
                .replaceWith(new ProductView(
                        r.code(),
                        r.name(),
                        r.planLevel(),
                        r.sumInsuredFen(),
                        r.deductibleFen(),
                        r.waitingPeriodDays(),
                        r.renewalGraceDays(),
                        r.ratios(),
                        from,
                        to));
    }

    public Uni<ProductView> product(String code) {
        return transactions.inEntitySession(() -> products.byCode(code).flatMap(p -> {
            if (p == null) throw Refused.of(Refused.Kind.NOT_FOUND, "PRODUCT_NOT_FOUND", code);
            return products.ratios(code)
                    .map(rows -> new ProductView(
                            code,
                            p.name,
                            p.planLevel,
                            p.sumInsuredFen,
                            p.deductibleFen,
                            p.waitingPeriodDays,
                            p.renewalGraceDays,
                            rows.stream()
                                    .map(x -> new Ratio((int) x.tier, x.socialInsuranceUsed, (int) x.percent))
                                    .toList(),
                            p.malignantFrom,
                            p.malignantTo));
        }));
    }
}
