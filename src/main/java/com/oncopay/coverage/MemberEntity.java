package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code member}. The identity number is stored only sealed ({@code id_number_enc}:
 * {@code FieldCipher}, context {@code member.id_number}, row key the member id) and as a keyed
 * lookup hash; an update writes only the columns that changed.
 */
@Entity
@Table(name = "member")
@DynamicUpdate
public class MemberEntity extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "name", nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "id_type", nullable = false)
    public CoverageApi.IdType idType;

    @Column(name = "id_number_enc", nullable = false)
    public byte[] idNumberEnc;

    @Column(name = "id_number_hash", nullable = false)
    public byte[] idNumberHash;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Column(name = "mainland_citizen", nullable = false)
    public boolean mainlandCitizen;

    @Column(name = "social_insurance", nullable = false)
    public boolean socialInsurance;

    /** 医保备案 (all three null when none is recorded). */
    @Column(name = "si_filing_city")
    public String siFilingCity;

    @Column(name = "si_filing_date")
    public LocalDate siFilingDate;

    @Column(name = "si_filing_out_of_town")
    public Boolean siFilingOutOfTown;

    @Column(name = "demo", nullable = false)
    public boolean demo;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
