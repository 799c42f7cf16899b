package com.oncopay.fulfilment.domain;

/**
 * Cold-chain drugs (docs/RULES.md, Fulfilment): picked up anywhere, but delivered home only by a
 * store with cold-chain delivery.
 */
public final class ColdChain {
    public static final String REQUIRED = "COLD_CHAIN_REQUIRED";

    private ColdChain() {}

    /** Whether the pharmacy may fulfil the drug in this mode. */
    public static boolean allows(boolean delivery, boolean drugColdChain, boolean pharmacyColdChain) {
        return !delivery || !drugColdChain || pharmacyColdChain;
    }
}
