package com.oncopay.platform.health;

/**
 * The pickup code a made-up warm-up pharmacy types at its counter: the feature that writes that pharmacy's reserved
 * order in its rehearsals gives it ({@link WarmUpRequests}).
 */
@FunctionalInterface
public interface WarmUpPickupCodes {
    String of(String pharmacyId);
}
