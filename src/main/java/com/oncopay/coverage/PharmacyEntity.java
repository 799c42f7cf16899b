package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code pharmacy} (V3__coverage.sql); its contract prices are {@link PharmacyPriceEntity}. */
@Entity
@Table(name = "pharmacy")
public class PharmacyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "province", nullable = false)
    public String province;

    @Column(name = "city", nullable = false)
    public String city;

    @Column(name = "gsp_certified", nullable = false)
    public boolean gspCertified;

    @Column(name = "cold_chain", nullable = false)
    public boolean coldChain;

    @Column(name = "pharmacist_on_site", nullable = false)
    public boolean pharmacistOnSite;

    @Column(name = "social_insurance_settlement", nullable = false)
    public boolean socialInsuranceSettlement;

    @Column(name = "designated", nullable = false)
    public boolean designated;

    @Column(name = "demo", nullable = false)
    public boolean demo;
}
