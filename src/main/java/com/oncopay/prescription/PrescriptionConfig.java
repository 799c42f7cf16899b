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

    /** Business days a member has to answer a reviewer's request for information before it expires (#20). */
    @WithDefault("10")
    int infoRequestDays();
}
