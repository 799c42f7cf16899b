package com.oncopay.coverage.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a member is covered for a drug on a day (004 lines 2920-2960), with every
 * failing reason, not just the first. Plain Java: all facts are passed in.
 */
public final class Eligibility {
    public static final String NO_POLICY_IN_FORCE = "NO_POLICY_IN_FORCE";
    public static final String WAITING_PERIOD = "WAITING_PERIOD";
    public static final String NOT_FIRST_DIAGNOSIS = "NOT_FIRST_DIAGNOSIS";
    public static final String PRE_EXISTING = "PRE_EXISTING";
    public static final String HOSPITAL_NOT_DESIGNATED = "HOSPITAL_NOT_DESIGNATED";
    public static final String NOT_DIAGNOSED_BY_SPECIALIST = "NOT_DIAGNOSED_BY_SPECIALIST";
    public static final String NOT_MALIGNANT_TUMOUR = "NOT_MALIGNANT_TUMOUR";
    public static final String DRUG_NOT_COVERED = "DRUG_NOT_COVERED";
    public static final String SUM_INSURED_EXHAUSTED = "SUM_INSURED_EXHAUSTED";

    public enum Mode {
        PICKUP,
        DELIVERY,
        /** Cold-chain transfer by the pharmacy to the prescribing hospital (hospital-only entries: CAR-T). */
        HOSPITAL
    }

    /** Everything the rules look at. {@code drug} is empty when the catalog in force does not list it. */
    public record Input(
            LocalDate on,
            List<PolicyTerm> policies,
            Map<String, ProductTerms> products,
            List<DiagnosisFact> diagnoses,
            Optional<DrugFacts> drug,
            long sumInsuredUsedFen,
            long deductibleMetFen,
            boolean socialInsurance) {}

    public record Result(
            boolean eligible,
            List<String> reasons,
            String policyNumber,
            LocalDate chainStart,
            LocalDate waitingPeriodEndsOn,
            Long sumInsuredRemainingFen,
            Long deductibleRemainingFen,
            Integer tier,
            Integer ratioPercent,
            List<Mode> fulfilmentModes,
            String deliveryRefusal) {}

    private Eligibility() {}

    /** The term in force on a day, if any. */
    public static Optional<PolicyTerm> inForce(List<PolicyTerm> policies, LocalDate on) {
        return policies.stream().filter(p -> p.covers(on)).max(Comparator.comparing(PolicyTerm::effective));
    }

    public static Result evaluate(Input in) {
        List<String> reasons = new ArrayList<>();
        Optional<PolicyTerm> current = inForce(in.policies(), in.on());
        Integer tier = in.drug().map(DrugFacts::tier).orElse(null);
        List<Mode> modes = in.drug().map(d -> modes(d, in.socialInsurance())).orElse(List.of());
        String deliveryRefusal =
                in.drug().map(d -> deliveryRefusal(d, in.socialInsurance())).orElse(null);
        if (current.isEmpty()) {
            reasons.add(NO_POLICY_IN_FORCE);
            if (in.drug().isEmpty()) reasons.add(DRUG_NOT_COVERED);
            return new Result(false, reasons, null, null, null, null, null, tier, null, modes, deliveryRefusal);
        }
        PolicyTerm policy = current.get();
        ProductTerms product = in.products().get(policy.productCode());
        Map<String, PolicyTerm> byNumber = new HashMap<>();
        in.policies().forEach(p -> byNumber.put(p.policyNumber(), p));
        List<PolicyTerm> chain = RenewalChain.of(policy, byNumber, in.products());
        LocalDate chainStart = chain.get(0).effective();
        LocalDate waitingEnds = RenewalChain.waitingPeriodEndsOn(chain, product.waitingPeriodDays());

        Optional<DiagnosisFact> first = in.diagnoses().stream()
                .filter(d -> !d.diagnosedOn().isAfter(in.on()) && product.malignant(d.icd10()))
                .min(Comparator.comparing(DiagnosisFact::diagnosedOn));
        if (first.isEmpty()) {
            reasons.add(NOT_MALIGNANT_TUMOUR);
        } else {
            DiagnosisFact d = first.get();
            if (!d.firstEver()) reasons.add(NOT_FIRST_DIAGNOSIS);
            boolean insideChainCover = chain.stream().anyMatch(t -> t.covers(d.diagnosedOn()));
            if (!insideChainCover) {
                reasons.add(PRE_EXISTING); // before the chain began, or in a gap between terms
            } else if (!d.diagnosedOn().isAfter(waitingEnds)) {
                reasons.add(WAITING_PERIOD);
            }
            if (!d.hospitalDesignated()) reasons.add(HOSPITAL_NOT_DESIGNATED);
            if (!d.specialist()) reasons.add(NOT_DIAGNOSED_BY_SPECIALIST);
        }
        if (in.drug().isEmpty()) reasons.add(DRUG_NOT_COVERED);
        long sumRemaining = Math.max(0, product.sumInsuredFen() - in.sumInsuredUsedFen());
        long deductibleRemaining = Math.max(0, product.deductibleFen() - in.deductibleMetFen());
        if (sumRemaining <= 0) reasons.add(SUM_INSURED_EXHAUSTED);
        Integer ratio = tier == null ? null : product.ratio(tier, in.socialInsurance());
        return new Result(
                reasons.isEmpty(),
                reasons,
                policy.policyNumber(),
                chainStart,
                waitingEnds,
                sumRemaining,
                deductibleRemaining,
                tier,
                ratio,
                modes,
                deliveryRefusal);
    }

    /**
     * How the drug may be handed over: CAR-T and other hospital-only entries only by a cold-chain
     * transfer to the treating hospital (never a store pickup, never a home address); an NRDL drug
     * for a member with social insurance is store pickup only (the pharmacy settles social insurance
     * at the counter).
     */
    public static List<Mode> modes(DrugFacts drug, boolean socialInsurance) {
        if (drug.hospitalOnly()) return List.of(Mode.HOSPITAL);
        return deliveryRefusal(drug, socialInsurance) == null
                ? List.of(Mode.PICKUP, Mode.DELIVERY)
                : List.of(Mode.PICKUP);
    }

    /** Why home delivery is refused for this drug and member (the code the fulfilment API answers with), or null. */
    public static String deliveryRefusal(DrugFacts drug, boolean socialInsurance) {
        if (drug.hospitalOnly()) return "HOSPITAL_ONLY";
        if (drug.nrdl() && socialInsurance) return "PICKUP_ONLY_NRDL";
        return null;
    }
}
