package com.oncopay.assistance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One kind of material of a case ({@code aid_material}, V7): received or not, by which channel. */
@Entity
@Table(name = "aid_material")
@IdClass(AidMaterialEntity.Key.class)
public class AidMaterialEntity {
    @Id
    @Column(name = "case_id")
    private UUID caseId;

    @Id
    @Column(name = "kind")
    private String kind;

    @Column(name = "received", nullable = false)
    private boolean received;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false)
    private AidApi.Channel channel;

    @Column(name = "note")
    private String note;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected AidMaterialEntity() {}

    public static AidMaterialEntity of(UUID caseId, String kind) {
        AidMaterialEntity m = new AidMaterialEntity();
        m.caseId = caseId;
        m.kind = kind;
        return m;
    }

    public void record(boolean received, AidApi.Channel channel, String note, OffsetDateTime at) {
        this.received = received;
        this.channel = channel;
        this.note = note;
        this.updatedAt = at;
    }

    public UUID caseId() {
        return caseId;
    }

    public String kind() {
        return kind;
    }

    public boolean received() {
        return received;
    }

    public AidApi.Channel channel() {
        return channel;
    }

    public String note() {
        return note;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    /** The primary key (case_id, kind). */
    public static class Key implements Serializable {
        private UUID caseId;
        private String kind;

        public Key() {}

        public Key(UUID caseId, String kind) {
            this.caseId = caseId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(caseId, k.caseId) && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseId, kind);
        }
    }
}
