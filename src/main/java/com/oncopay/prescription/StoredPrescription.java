package com.oncopay.prescription;

import com.oncopay.prescription.domain.PrescriptionStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A prescription as stored, without its encrypted fields. {@code information}: what was supplied in answer to
 * requests for information (#20), field names and document kinds only. {@code packSize}: the 规格 as the
 * prescription writes it (for example 100mg/4ml/瓶); null when the prescriber gave none.
 */
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
        String packSize,
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
        String hospitalCode,
        LocalDate infoDueOn,
        List<Map<String, Object>> information) {}
