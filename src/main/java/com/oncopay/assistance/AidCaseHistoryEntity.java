package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One step in a case's history ({@code aid_case_history}, V7): appended, never changed. */
@Entity
@Table(name = "aid_case_history")
public class AidCaseHistoryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "at", nullable = false)
    private OffsetDateTime at;

    @Column(name = "by_actor", nullable = false)
    private String byActor;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private AidCaseStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    private AidCaseStatus toStatus;

    @Column(name = "note")
    private String note;

    protected AidCaseHistoryEntity() {}

    public static AidCaseHistoryEntity of(
            UUID caseId, OffsetDateTime at, String by, AidCaseStatus from, AidCaseStatus to, String note) {
        AidCaseHistoryEntity h = new AidCaseHistoryEntity();
        h.caseId = caseId;
        h.at = at;
        h.byActor = by;
        h.fromStatus = from;
        h.toStatus = to;
        h.note = note;
        return h;
    }

    public Long id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String by() {
        return byActor;
    }

    public AidCaseStatus from() {
        return fromStatus;
    }

    public AidCaseStatus to() {
        return toStatus;
    }

    public String note() {
        return note;
    }
}
