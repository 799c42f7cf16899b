package com.oncopay.prescription;

import com.oncopay.adjudication.MoneyEngine;
import com.oncopay.assistance.AidService;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.PrescriptionApi.Estimate;
import com.oncopay.prescription.PrescriptionApi.EstimateRequest;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The money split a dispense of an approved prescription at a pharmacy would apply now; changes nothing. */
@ApplicationScoped
public class EstimatingPrescription {
    private final Transactions transactions;
    private final PrescriptionReferenceRepository repository;
    private final PrescriptionQueries prescriptions;
    private final AidService aid;
    private final MoneyEngine money;

    public EstimatingPrescription(
            Transactions transactions,
            PrescriptionReferenceRepository repository,
            PrescriptionQueries prescriptions,
            AidService aid,
            MoneyEngine money) {
        this.transactions = transactions;
        this.repository = repository;
        this.prescriptions = prescriptions;
        this.aid = aid;
        this.money = money;
    }

    public Uni<Estimate> estimate(String id, EstimateRequest r, Caller caller) {
        boolean pharmacy = caller.has(Roles.PHARMACY) && !caller.has(Roles.ADMIN);
        if (pharmacy) caller.requirePharmacyVisible(r.pharmacyCode());
        // a pharmacy sees only prescriptions it has an open pickup or delivery for: the estimate shows the member's
        // cover left
        Uni<Boolean> mayEstimate = !pharmacy
                ? Uni.createFrom().item(true)
                : repository.pharmacyHasOpenFulfilment(transactions.autoCommit(), Ids.uuidOr404(id), r.pharmacyCode());
        return mayEstimate
                .flatMap(allowed -> {
                    if (!allowed) throw caller.denied();
                    return prescriptions.find(id, caller, Roles.PHARMACY);
                })
                .flatMap(p -> {
                    if (p.status() != PrescriptionStatus.APPROVED)
                        throw Refused.conflict(
                                "PRESCRIPTION_NOT_APPROVED", p.status().name());
                    return repository
                            .pharmacyPrice(transactions.autoCommit(), r.pharmacyCode(), p.drugId())
                            .flatMap(found -> {
                                var price =
                                        found.orElseThrow(() -> Refused.rule("PHARMACY_NOT_FOUND", r.pharmacyCode()));
                                if (!price.designated())
                                    throw Refused.rule("PHARMACY_NOT_DESIGNATED", r.pharmacyCode());
                                Long unit = price.priceFen();
                                if (unit == null) throw Refused.rule("NO_CONTRACT_PRICE", r.pharmacyCode(), p.drugId());
                                return aid.effect(p.memberId(), p.drugId(), p.packs(), r.pharmacyCode())
                                        .flatMap(effect -> money.estimate(
                                                p.policyNumber(),
                                                p.tier(),
                                                unit,
                                                p.packs(),
                                                r.socialInsurancePaidFen(),
                                                effect))
                                        .map(m -> new Estimate(
                                                p.id().toString(), r.pharmacyCode(), p.drugId(), p.packs(), unit, m));
                            });
                });
    }
}
