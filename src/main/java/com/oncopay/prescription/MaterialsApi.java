package com.oncopay.prescription;

import com.oncopay.platform.web.Text;
import com.oncopay.prescription.domain.MaterialChannel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of a prescription's materials checklist (#20 item 4). */
public final class MaterialsApi {
    private MaterialsApi() {}

    /** A reviewer's record of one material: received or not, how it came, and a note (never identity numbers). */
    public record MaterialRecord(
            @NotNull Boolean received,
            @NotNull MaterialChannel channel,

            @Size(max = 500) @Pattern(regexp = Text.PLAIN_LINES)
            String note) {}

    /** One kind of material: its label in the caller's language, required or not, and its last record if any. */
    public record MaterialView(
            String kind,
            String label,
            boolean required,
            boolean received,
            MaterialChannel channel,
            String note,
            String recordedByRole,
            OffsetDateTime recordedAt) {}

    /** The checklist: every kind, the required ones marked, and the required ones not yet received. */
    public record Checklist(
            String prescriptionId,
            String memberId,
            String drugId,
            String drugName,
            String status,
            boolean complete,
            List<String> required,
            List<String> missing,
            List<MaterialView> items) {}
}
