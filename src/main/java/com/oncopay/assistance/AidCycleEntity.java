package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCycleStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One donated cycle of an approved case ({@code aid_cycle}, V7). */
@Entity
@Table(name = "aid_cycle")
@IdClass(AidCycleEntity.Key.class)
public class AidCycleEntity {
    @Id
    @Column(name = "case_id")
    private UUID caseId;

    @Id
    @Column(name = "cycle")
    private int cycle;

    @Column(name = "opens_on", nullable = false)
    private LocalDate opensOn;

    @Column(name = "window_ends_on", nullable = false)
    private LocalDate windowEndsOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private AidCycleStatus status;

    @Column(name = "collected_on")
    private LocalDate collectedOn;

    protected AidCycleEntity() {}

    public static AidCycleEntity open(UUID caseId, int cycle, LocalDate opensOn, LocalDate windowEndsOn) {
        AidCycleEntity y = new AidCycleEntity();
        y.caseId = caseId;
        y.cycle = cycle;
        y.opensOn = opensOn;
        y.windowEndsOn = windowEndsOn;
        y.status = AidCycleStatus.OPEN;
        return y;
    }

    public void collect(LocalDate on) {
        this.status = AidCycleStatus.COLLECTED;
        this.collectedOn = on;
    }

    public void forfeit() {
        this.status = AidCycleStatus.FORFEITED;
    }

    public UUID caseId() {
        return caseId;
    }

    public int cycle() {
        return cycle;
    }

    public LocalDate opensOn() {
        return opensOn;
    }

    public LocalDate windowEndsOn() {
        return windowEndsOn;
    }

    public AidCycleStatus status() {
        return status;
    }

    public LocalDate collectedOn() {
        return collectedOn;
    }

    /** The primary key (case_id, cycle). */
    public static class Key implements Serializable {
        private UUID caseId;
        private int cycle;

        public Key() {}

        public Key(UUID caseId, int cycle) {
            this.caseId = caseId;
            this.cycle = cycle;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(caseId, k.caseId) && cycle == k.cycle;
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseId, cycle);
        }
    }
}
