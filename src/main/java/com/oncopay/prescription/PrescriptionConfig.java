package com.oncopay.prescription;

import com.oncopay.prescription.domain.MaterialKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

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

    /** The application's materials a reviewer's approval needs (#20 item 4). */
    Materials materials();

    interface Materials {
        /**
         * Material kinds by drug class ({@code ALL}, {@code BIOMARKER}, {@code INDICATION_RULE} or a dosage form such as
         * {@code CELL_THERAPY}; see {@link com.oncopay.prescription.domain.RequiredMaterials}), e.g.
         * {@code oncopay.prescription.materials.required.BIOMARKER=GENETIC_TEST}. A class not configured needs nothing.
         */
        Map<String, List<MaterialKind>> required();
    }
}
