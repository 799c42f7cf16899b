package com.oncopay.prescription;

import com.oncopay.prescription.domain.PrescriptionStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A prescription as stored, without its encrypted fields. */
public record StoredPrescription(
        UUID id,
        String memberId,
        String policyNumber,
        String productCode,
        String drugId,
        String moleculeKey,
        Integer catalogVersion,
        Integer tier,
        int packs,
        int daysSupply,
        LocalDate prescribedOn,
        PrescriptionStatus status,
        List<String> reasons,
        List<String> missingFacts,
        OffsetDateTime receivedAt,
        OffsetDateTime reviewDueBy,
        OffsetDateTime investigationDueBy,
        boolean calendarProvisional,
        OffsetDateTime decidedAt,
        String hospitalCode) {}
