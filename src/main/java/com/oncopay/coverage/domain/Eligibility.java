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
 * failing reason, not just the first (order: see {@link #evaluate}). Plain Java: all facts are passed in.
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
    /** Bumped whenever the rules answer differently for the same facts: cached answers of older rules are not reused. */
    public static final int RULES_VERSION = 2;

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

    /**
     * Every independent reason is evaluated and listed, always in this order:
     * {@code NO_POLICY_IN_FORCE, NOT_MALIGNANT_TUMOUR, NOT_FIRST_DIAGNOSIS, PRE_EXISTING | WAITING_PERIOD,
     * HOSPITAL_NOT_DESIGNATED, NOT_DIAGNOSED_BY_SPECIALIST, DRUG_NOT_COVERED, SUM_INSURED_EXHAUSTED}.
     * The diagnosis checked is {@link #claimDiagnosis the one the claim is about}: a benign diagnosis still gets its
     * first-diagnosis, timing, hospital and specialist checks. Without a policy in force the reasons that need the
     * policy (waiting period / pre-existing against its renewal chain, sum insured) cannot be judged and are left out;
     * the diagnosis facts and the drug still are (malignancy against the range of the product of the member's latest
     * term, or 004's C00-C97 for a member without any term).
     */
    public static Result evaluate(Input in) {
        List<String> reasons = new ArrayList<>();
        Optional<PolicyTerm> current = inForce(in.policies(), in.on());
        Integer tier = in.drug().map(DrugFacts::tier).orElse(null);
        List<Mode> modes = in.drug().map(d -> modes(d, in.socialInsurance())).orElse(List.of());
        String deliveryRefusal =
                in.drug().map(d -> deliveryRefusal(d, in.socialInsurance())).orElse(null);
        if (current.isEmpty()) {
            reasons.add(NO_POLICY_IN_FORCE);
            ProductTerms product = latestTerm(in.policies(), in.on())
                    .map(p -> in.products().get(p.productCode()))
                    .orElse(null);
            Optional<DiagnosisFact> dx = claimDiagnosis(in.diagnoses(), in.on(), product);
            if (dx.isEmpty() || !malignant(product, dx.get().icd10())) reasons.add(NOT_MALIGNANT_TUMOUR);
            dx.ifPresent(d -> {
                if (!d.firstEver()) reasons.add(NOT_FIRST_DIAGNOSIS);
                if (!d.hospitalDesignated()) reasons.add(HOSPITAL_NOT_DESIGNATED);
                if (!d.specialist()) reasons.add(NOT_DIAGNOSED_BY_SPECIALIST);
            });
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

        Optional<DiagnosisFact> claimed = claimDiagnosis(in.diagnoses(), in.on(), product);
        if (claimed.isEmpty()) {
            reasons.add(NOT_MALIGNANT_TUMOUR); // nothing diagnosed on or before the day
        } else {
            DiagnosisFact d = claimed.get();
            if (!product.malignant(d.icd10())) reasons.add(NOT_MALIGNANT_TUMOUR);
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
     * The diagnosis a claim on {@code on} is about: the earliest malignant one (per {@code product}) made on or before
     * the day; when there is none, the earliest diagnosis of any kind on or before the day (so that a benign diagnosis is
     * still checked for everything else). Empty when nothing was diagnosed by then.
     */
    public static Optional<DiagnosisFact> claimDiagnosis(
            List<DiagnosisFact> diagnoses, LocalDate on, ProductTerms product) {
        List<DiagnosisFact> known = diagnoses.stream()
                .filter(d -> !d.diagnosedOn().isAfter(on))
                .sorted(Comparator.comparing(DiagnosisFact::diagnosedOn))
                .toList();
        return known.stream()
                .filter(d -> malignant(product, d.icd10()))
                .findFirst()
                .or(() -> known.stream().findFirst());
    }

    /** Malignant per the product's range; a member without any policy term is judged on 004's C00-C97. */
    static boolean malignant(ProductTerms product, String icd10) {
        return product != null ? product.malignant(icd10) : PER_004.malignant(icd10);
    }

    private static final ProductTerms PER_004 =
            new ProductTerms("004", PlanLevel.GOLD, 0, 0, 0, 0, "C00", "C97", Map.of());

    /** Without a term in force: the member's latest term that began on or before the day, else their earliest one. */
    static Optional<PolicyTerm> latestTerm(List<PolicyTerm> policies, LocalDate on) {
        return policies.stream()
                .filter(p -> !p.effective().isAfter(on))
                .max(Comparator.comparing(PolicyTerm::effective))
                .or(() -> policies.stream().min(Comparator.comparing(PolicyTerm::effective)));
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
