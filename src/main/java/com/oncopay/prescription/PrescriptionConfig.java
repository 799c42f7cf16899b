package com.oncopay.prescription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "oncopay.prescription")
public interface PrescriptionConfig {
    /** Business days for the claim-liability investigation: a member's first claim, and later ones (004 lines 3029-3040). */
    @WithDefault("15")
    int firstClaimInvestigationDays();

    @WithDefault("5")
    int laterClaimInvestigationDays();
}
