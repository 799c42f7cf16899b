package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/** A coordinator's charity-assistance case ({@code aid_case}, V7). */
@Entity
@Table(name = "aid_case")
@DynamicUpdate
public class AidCaseEntity {
    @Id
    @Column(name = "id")
    private UUID id;

    @Column(name = "member_id", nullable = false)
    private String memberId;

    @Column(name = "drug_id", nullable = false)
    private String drugId;

    @Column(name = "program_code", nullable = false)
    private String programCode;

    @Column(name = "coordinator_id", nullable = false)
    private String coordinatorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private AidCaseStatus status;

    @Column(name = "approved_cycles")
    private Integer approvedCycles;

    @Column(name = "packs_per_cycle")
    private Integer packsPerCycle;

    @Column(name = "pharmacy_code")
    private String pharmacyCode;

    @Column(name = "refusal_reason")
    private String refusalReason;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected AidCaseEntity() {}

    /** A new case, in DRAFT. */
    public static AidCaseEntity open(
            UUID id, String memberId, String drugId, String programCode, String coordinatorId, OffsetDateTime at) {
        AidCaseEntity c = new AidCaseEntity();
        c.id = id;
        c.memberId = memberId;
        c.drugId = drugId;
        c.programCode = programCode;
        c.coordinatorId = coordinatorId;
        c.status = AidCaseStatus.DRAFT;
        c.createdAt = at;
        c.updatedAt = at;
        return c;
    }

    public void moveTo(AidCaseStatus to, OffsetDateTime at) {
        this.status = to;
        this.updatedAt = at;
    }

    public void refuse(String reason) {
        this.refusalReason = reason;
    }

    public void approve(int cycles, int packsPerCycle, String pharmacyCode) {
        this.approvedCycles = cycles;
        this.packsPerCycle = packsPerCycle;
        this.pharmacyCode = pharmacyCode;
    }

    public UUID id() {
        return id;
    }

    public String memberId() {
        return memberId;
    }

    public String drugId() {
        return drugId;
    }

    public String programCode() {
        return programCode;
    }

    public String coordinatorId() {
        return coordinatorId;
    }

    public AidCaseStatus status() {
        return status;
    }

    public Integer approvedCycles() {
        return approvedCycles;
    }

    public Integer packsPerCycle() {
        return packsPerCycle;
    }

    public String pharmacyCode() {
        return pharmacyCode;
    }

    public String refusalReason() {
        return refusalReason;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
