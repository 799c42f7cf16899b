package com.oncopay.fulfilment;

import com.oncopay.fulfilment.domain.AttemptLock;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A fulfilment with what a redemption or a delivery needs of its member, prescription, contract price
 * (with the pack size as prescribed, #23) and the term of the policy the prescription is drawn on ({@code coverFrom}..{@code coverTo}, both included).
 */
public record FulfilmentOrder(
        UUID id,
        UUID prescriptionId,
        String memberId,
        String pharmacyCode,
        FulfilmentApi.Mode mode,
        FulfilmentStatus status,
        OffsetDateTime expiresAt,
        AttemptLock.State attempts,
        byte[] idNumberHash,
        String memberName,
        String policyNumber,
        int tier,
        String drugId,
        int packs,
        String packSize,
        Long priceFen,
        LocalDate coverFrom,
        LocalDate coverTo) {}
