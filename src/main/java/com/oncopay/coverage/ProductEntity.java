package com.oncopay.coverage;

import com.oncopay.coverage.domain.PlanLevel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code product} (V3__coverage.sql): a product's terms; its ratios are {@link ProductRatioEntity}. */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {
    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "plan_level", nullable = false)
    public PlanLevel planLevel;

    @Column(name = "sum_insured_fen", nullable = false)
    public long sumInsuredFen;

    @Column(name = "deductible_fen", nullable = false)
    public long deductibleFen;

    @Column(name = "waiting_period_days", nullable = false)
    public int waitingPeriodDays;

    @Column(name = "renewal_grace_days", nullable = false)
    public int renewalGraceDays;

    @Column(name = "malignant_from", nullable = false)
    public String malignantFrom;

    @Column(name = "malignant_to", nullable = false)
    public String malignantTo;

    @Column(name = "demo", nullable = false)
    public boolean demo;
}
