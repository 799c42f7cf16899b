package com.oncopay.assistance;

import com.oncopay.platform.web.Text;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the charity-assistance API (API.md, Charity assistance). */
public final class AidApi {
    private AidApi() {}

    public record CreateCase(
            @NotBlank @Size(max = 40) String memberId,
            @NotBlank @Size(max = 10) String drugId,
            @NotBlank @Size(max = 40) String programCode) {}

    public enum Channel {
        ONLINE,
        POST
    }

    public record Material(
            @NotNull Boolean received,
            @NotNull Channel channel,

            @Size(max = 500) @Pattern(regexp = Text.PLAIN_LINES)
            String note) {}

    public record Decision(
            @NotNull Boolean approved,
            @Min(1) @Max(60) Integer cycles,
            @Min(1) @Max(100) Integer packsPerCycle,
            @Size(max = 40) String pharmacyCode,

            @Pattern(regexp = "INCOMPLETE_MATERIALS|NOT_ELIGIBLE|OTHER")
            String reason,

            LocalDate startsOn) {}

    public record Collection(
            @NotNull @Min(1) @Max(60) Integer cycle,
            @NotNull LocalDate collectedOn) {}

    public record MaterialView(String kind, boolean received, Channel channel, String note) {}

    public record CycleView(
            int cycle, LocalDate opensOn, LocalDate windowEndsOn, String status, LocalDate collectedOn) {}

    public record HistoryView(OffsetDateTime at, String by, String from, String to, String note) {}

    public record CaseView(
            String caseId,
            String memberId,
            String drugId,
            String programCode,
            String coordinatorId,
            String status,
            Integer approvedCycles,
            Integer packsPerCycle,
            String pharmacyCode,
            String refusalReason,
            List<MaterialView> materials,
            List<CycleView> cycles,
            List<HistoryView> history,
            String nextAction) {}

    public record Reminder(
            String caseId,
            String memberId,
            String drugId,
            int cycle,
            LocalDate opensOn,
            LocalDate windowEndsOn,
            List<String> materialsNeeded) {}

    public record Programme(
            String programCode,
            String name,
            String foundation,
            List<String> drugIds,
            int paidCycles,
            int donatedCycles,
            int packsPerDonatedCycle,
            int cycleDays,
            List<String> pharmacies,
            List<AidPharmacyRepository.Named> designatedPharmacies,
            List<String> materials,
            boolean illustrative) {}
}
