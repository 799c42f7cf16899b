package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Products and their payout-ratio tables ({@code product}, {@code product_ratio}), in the current session. */
@ApplicationScoped
public class ProductRepository {
    private static final String RATIOS = """
            from ProductRatioEntity r where r.productCode = :code
            order by r.tier, r.socialInsuranceUsed""";

    public Uni<Boolean> exists(String code) {
        return byCode(code).map(p -> p != null);
    }

    /** The product, or null. */
    public Uni<ProductEntity> byCode(String code) {
        return Panache.getSession().flatMap(s -> s.find(ProductEntity.class, code));
    }

    /** Inserts the product, then its ratio rows. */
    public Uni<Void> insert(ProductEntity product, List<ProductRatioEntity> ratios) {
        return Panache.getSession()
                .flatMap(s -> s.persist(product)
                        .chain(s::flush)
                        .chain(() -> s.persistAll(ratios.toArray()))
                        .chain(s::flush));
    }

    /** Ratio rows by tier, without social insurance first. */
    public Uni<List<ProductRatioEntity>> ratios(String code) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(RATIOS, ProductRatioEntity.class)
                        .setParameter("code", code)
                        .getResultList());
    }
}
