package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Pharmacies and their contract prices ({@code pharmacy}, {@code pharmacy_price}), in the current session. */
@ApplicationScoped
public class PharmacyRepository {
    static final int DESIGNATED_LIMIT = 200;
    private static final String PRICES = "from PharmacyPriceEntity p where p.pharmacyCode = :code order by p.drugId";

    /** The pharmacy, or null. */
    public Uni<PharmacyEntity> byCode(String code) {
        return Panache.getSession().flatMap(s -> s.find(PharmacyEntity.class, code));
    }

    /** Inserts the pharmacy, then its price rows. */
    public Uni<Void> insert(PharmacyEntity pharmacy, List<PharmacyPriceEntity> prices) {
        return Panache.getSession()
                .flatMap(s -> s.persist(pharmacy)
                        .chain(s::flush)
                        .chain(() -> prices.isEmpty() ? Uni.createFrom().voidItem() : s.persistAll(prices.toArray()))
                        .chain(s::flush));
    }

    public Uni<List<PharmacyPriceEntity>> prices(String code) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(PRICES, PharmacyPriceEntity.class)
                        .setParameter("code", code)
                        .getResultList());
    }

    /** Designated pharmacies, optionally in a city, optionally holding a contract price for a drug; by city and code. */
    public Uni<List<PharmacyEntity>> designated(String city, String drugId) {
        StringBuilder hql = new StringBuilder("from PharmacyEntity h where h.designated");
        if (city != null) hql.append(" and h.city = :city");
        if (drugId != null)
            hql.append(" and exists (select 1 from PharmacyPriceEntity pp"
                    + " where pp.pharmacyCode = h.code and pp.drugId = :drug)");
        hql.append(" order by h.city, h.code");
        return Panache.getSession().flatMap(s -> {
            var query =
                    s.createSelectionQuery(hql.toString(), PharmacyEntity.class).setMaxResults(DESIGNATED_LIMIT);
            if (city != null) query.setParameter("city", city);
            if (drugId != null) query.setParameter("drug", drugId);
            return query.getResultList();
        });
    }
}
