package com.oncopay.coverage;

import com.oncopay.coverage.domain.HospitalGrade;
import com.oncopay.coverage.domain.HospitalKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code hospital} (V3__coverage.sql). */
@Entity
@Table(name = "hospital")
public class HospitalEntity extends PanacheEntityBase {
    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "province", nullable = false)
    public String province;

    @Column(name = "city", nullable = false)
    public String city;

    @Enumerated(EnumType.STRING)
    @Column(name = "grade", nullable = false)
    public HospitalGrade grade;

    @Column(name = "public_owned", nullable = false)
    public boolean publicOwned;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public HospitalKind kind;

    @Column(name = "designated", nullable = false)
    public boolean designated;

    @Column(name = "demo", nullable = false)
    public boolean demo;
}
