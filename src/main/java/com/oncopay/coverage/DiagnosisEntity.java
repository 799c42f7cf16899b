package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A row of {@code diagnosis}. The ICD-10 code is stored only sealed ({@code icd10_enc}:
 * {@code FieldCipher}, context {@code diagnosis.icd10}, row key the diagnosis id).
 */
@Entity
@Table(name = "diagnosis")
public class DiagnosisEntity extends PanacheEntityBase {
    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "icd10_enc", nullable = false)
    public byte[] icd10Enc;

    @Column(name = "diagnosed_on", nullable = false)
    public LocalDate diagnosedOn;

    @Column(name = "hospital_code", nullable = false)
    public String hospitalCode;

    @Column(name = "specialist", nullable = false)
    public boolean specialist;

    @Column(name = "first_ever", nullable = false)
    public boolean firstEver;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
