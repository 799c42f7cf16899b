package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code pharmacy_price}: a pharmacy's contract price for a drug, in fen. */
@Entity
@Table(name = "pharmacy_price")
@IdClass(PharmacyPriceEntity.Key.class)
public class PharmacyPriceEntity extends PanacheEntityBase {
    @Id
    @Column(name = "pharmacy_code")
    public String pharmacyCode;

    @Id
    @Column(name = "drug_id")
    public String drugId;

    @Column(name = "price_fen", nullable = false)
    public long priceFen;

    public static PharmacyPriceEntity of(String pharmacyCode, String drugId, long priceFen) {
        PharmacyPriceEntity p = new PharmacyPriceEntity();
        p.pharmacyCode = pharmacyCode;
        p.drugId = drugId;
        p.priceFen = priceFen;
        return p;
    }

    /** The primary key (pharmacy_code, drug_id). */
    public static class Key implements Serializable {
        public String pharmacyCode;
        public String drugId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(pharmacyCode, k.pharmacyCode)
                    && Objects.equals(drugId, k.drugId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pharmacyCode, drugId);
        }
    }
}
