package com.oncopay.misuse;

import com.oncopay.platform.web.Text;
import com.oncopay.receivable.OpeningReceivables;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Requests and answers of the misuse flag. */
public final class MisuseApi {
    private MisuseApi() {}

    /** Why the member's case is flagged, and the prescription (case) it concerns, if one. */
    public record FlagRequest(
            @NotBlank @Size(max = 500) @Pattern(regexp = Text.PLAIN)
            String reason,

            @Size(max = 36) String prescriptionId) {}

    /** Why the flag is lifted. */
    public record LiftRequest(
            @NotBlank @Size(max = 500) @Pattern(regexp = Text.PLAIN)
            String reason) {}

    /** The member's flag state; the voided fulfilments and opened receivables only in the answer to a flag. */
    public record FlagView(
            String memberId,
            boolean flagged,
            String reason,
            String prescriptionId,
            OffsetDateTime flaggedAt,
            String flaggedBy,
            List<String> voidedFulfilments,
            List<OpeningReceivables.Opened> receivables) {}
}
