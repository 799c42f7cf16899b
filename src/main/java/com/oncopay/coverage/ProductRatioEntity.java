package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code product_ratio}: the payout percent of a product for a tier, with or without social insurance. */
@Entity
@Table(name = "product_ratio")
@IdClass(ProductRatioEntity.Key.class)
public class ProductRatioEntity extends PanacheEntityBase {
    @Id
    @Column(name = "product_code")
    public String productCode;

    @Id
    @Column(name = "tier")
    public short tier;

    @Id
    @Column(name = "social_insurance_used")
    public boolean socialInsuranceUsed;

    @Column(name = "percent", nullable = false)
    public short percent;

    public static ProductRatioEntity of(String productCode, int tier, boolean socialInsuranceUsed, int percent) {
        ProductRatioEntity r = new ProductRatioEntity();
        r.productCode = productCode;
        r.tier = (short) tier;
        r.socialInsuranceUsed = socialInsuranceUsed;
        r.percent = (short) percent;
        return r;
    }

    /** The primary key (product_code, tier, social_insurance_used). */
    public static class Key implements Serializable {
        public String productCode;
        public short tier;
        public boolean socialInsuranceUsed;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && tier == k.tier
                    && socialInsuranceUsed == k.socialInsuranceUsed
                    && Objects.equals(productCode, k.productCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(productCode, tier, socialInsuranceUsed);
        }
    }
}
