package com.oncopay.coverage;

import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.coverage.CoverageApi.PharmacyRequest;
import com.oncopay.coverage.CoverageApi.PharmacySummary;
import com.oncopay.coverage.CoverageApi.PharmacyView;
import com.oncopay.coverage.CoverageApi.Price;
import com.oncopay.coverage.domain.Designation;
import com.oncopay.coverage.domain.Regions;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registers a pharmacy with its contract prices (drugs of the catalog in force), lists designated ones, reads one. */
@ApplicationScoped
public class ManagingPharmacies {
    private final Transactions transactions;
    private final AuditLog audit;
    private final PharmacyRepository pharmacies;
    private final CatalogService catalog;

    public ManagingPharmacies(
            Transactions transactions, AuditLog audit, PharmacyRepository pharmacies, CatalogService catalog) {
        this.transactions = transactions;
        this.audit = audit;
        this.pharmacies = pharmacies;
        this.catalog = catalog;
    }

    public Uni<PharmacyView> create(PharmacyRequest r, Caller caller, boolean demo) {
        String province = Regions.normalise(r.province());
        FieldErrors errors = new FieldErrors();
        if (province == null) errors.add("province", "UNKNOWN_VALUE", "a province-level region of China, e.g. 北京, 广东");
        List<Price> prices = r.prices() == null ? List.of() : r.prices();
        Set<String> seen = new HashSet<>();
        List<Price> normalised = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            String id = CatalogEntry.canonicalDrugId(prices.get(i).drugId());
            if (!seen.add(id)) errors.add("prices[" + i + "].drugId", "INVALID", "duplicate drug");
            normalised.add(new Price(id, prices.get(i).priceFen()));
        }
        errors.throwIfAny();
        boolean designated = Designation.pharmacy(province, r.gspCertified(), r.pharmacistOnSite());
        PharmacyEntity h = new PharmacyEntity();
        h.code = r.code();
        h.name = r.name();
        h.province = province;
        h.city = r.city();
        h.gspCertified = r.gspCertified();
        h.coldChain = r.coldChain();
        h.pharmacistOnSite = r.pharmacistOnSite();
        h.socialInsuranceSettlement = r.socialInsuranceSettlement();
        h.designated = designated;
        h.demo = demo;
        List<PharmacyPriceEntity> rows = normalised.stream()
                .map(p -> PharmacyPriceEntity.of(r.code(), p.drugId(), p.priceFen()))
                .toList();
        return missingDrugs(normalised)
                .flatMap(missing -> {
                    FieldErrors drugErrors = new FieldErrors();
                    for (int i = 0; i < missing.size(); i++) {
                        if (missing.get(i) != null)
                            drugErrors.add("prices[" + i + "].drugId", "UNKNOWN_VALUE", "not in the catalog in force");
                    }
                    drugErrors.throwIfAny();
                    return transactions.inEntityTransaction(() -> pharmacies
                            .byCode(r.code())
                            .flatMap(found -> {
                                if (found != null) throw Refused.conflict("ALREADY_EXISTS", r.code());
                                return pharmacies.insert(h, rows);
                            })
                            .chain(() -> audit.recordInEntityTransaction(AuditEntry.of(
                                    caller,
                                    "PHARMACY_CREATED",
                                    "pharmacy",
                                    r.code(),
                                    Map.of("designated", designated, "prices", normalised.size())))));
                })
                .replaceWith(new PharmacyView(
                        r.code(),
                        r.name(),
                        province,
                        r.city(),
                        r.gspCertified(),
                        r.coldChain(),
                        r.pharmacistOnSite(),
                        r.socialInsuranceSettlement(),
                        designated,
                        normalised));
    }

    /** Per price in order: null when its drug is in the catalog in force, else the drug id. */
    private Uni<List<String>> missingDrugs(List<Price> prices) {
        return Multi.createFrom()
                .iterable(prices)
                .onItem()
                .transformToUniAndConcatenate(p -> catalog.drug(p.drugId(), catalog.today())
                        .map(x -> (String) null)
                        .onFailure(Refused.class)
                        .recoverWithItem(p.drugId()))
                .collect()
                .asList();
    }

    /** Designated pharmacies (optionally in a city, optionally with a contract price for a drug), for choosing one. */
    public Uni<List<PharmacySummary>> designated(String city, String drugId) {
        return transactions.inEntitySession(() -> pharmacies
                .designated(city, drugId)
                .map(list -> list.stream()
                        .map(h -> new PharmacySummary(h.code, h.name, h.province, h.city, h.coldChain, h.designated))
                        .toList()));
    }

    public Uni<PharmacyView> pharmacy(String code) {
        return transactions.inEntitySession(() -> pharmacies.byCode(code).flatMap(h -> {
            if (h == null) throw Refused.of(Refused.Kind.NOT_FOUND, "PHARMACY_NOT_FOUND", code);
            return pharmacies
                    .prices(code)
                    .map(prices -> new PharmacyView(
                            code,
                            h.name,
                            h.province,
                            h.city,
                            h.gspCertified,
                            h.coldChain,
                            h.pharmacistOnSite,
                            h.socialInsuranceSettlement,
                            h.designated,
                            prices.stream()
                                    .map(p -> new Price(p.drugId, p.priceFen))
                                    .toList()));
        }));
    }
}
