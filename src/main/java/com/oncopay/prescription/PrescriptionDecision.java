package com.oncopay.prescription;

import com.oncopay.catalog.DrugView;
import com.oncopay.catalog.domain.ClinicalFacts;
import com.oncopay.catalog.domain.IndicationResult;
import com.oncopay.catalog.domain.IndicationRules;
import com.oncopay.coverage.EligibilityService.MemberFacts;
import com.oncopay.coverage.ReferenceDataService;
import com.oncopay.coverage.domain.Eligibility;
import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.ProductTerms;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.prescription.PrescriptionApi.SubmitRequest;
import com.oncopay.prescription.domain.PrescriptionRules;
import com.oncopay.prescription.domain.PrescriptionStatus;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's decision on a submission, from what {@link SubmittingPrescription} read: the rules'
 * status and reasons, the clinical facts the indication rule saw, and the decision inputs stored
 * with it (catalog version, tier, product ratios, eligibility and indication snapshots).
 */
record PrescriptionDecision(
        PrescriptionStatus status,
        List<String> reasons,
        List<String> missingFacts,
        ClinicalFacts clinical,
        Map<String, Object> inputs,
        String policyNumber,
        String productCode) {

    /** What a submission is decided on. {@code memberIdHash} is null for an unknown member. */
    record Read(
            MemberFacts facts,
            Optional<DrugView> drug,
            byte[] memberIdHash,
            boolean hospitalKnown,
            List<PrescriptionRules.Prior> priors) {}

    static PrescriptionDecision decide(
            SubmitRequest r, LocalDate on, Read read, IndicationRules rules, FieldCipher cipher) {
        MemberFacts facts = read.facts();
        Optional<DrugView> d = read.drug();
        Optional<PolicyTerm> policy = Eligibility.inForce(facts.policies(), on);
        Eligibility.Result elig = facts.evaluate(on, d);
        ClinicalFacts clinical = clinical(r, facts.birthDate());
        IndicationResult indication =
                d.map(v -> rules.evaluate(v.indicationRule(), clinical)).orElse(IndicationResult.NO_RESTRICTION);

        PrescriptionRules.Decision decision = PrescriptionRules.decide(new PrescriptionRules.Input(
                on,
                r.prescribedOn(),
                r.validDays() == null ? 1 : r.validDays(),
                r.daysSupply(),
                d.map(DrugView::maxDaysSupply).orElse(null),
                d.map(DrugView::moleculeKey).orElse(null),
                elig.reasons(),
                PrescriptionRules.IndicationOutcome.valueOf(indication.status().name()),
                applicant(r.applicant(), read.memberIdHash(), cipher),
                facts.birthDate(),
                read.priors()));

        ProductTerms product =
                policy.map(p -> facts.products().get(p.productCode())).orElse(null);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("catalogVersion", d.map(DrugView::catalogVersion).orElse(null));
        inputs.put("tier", d.map(DrugView::tier).orElse(null));
        inputs.put("productCode", product == null ? null : product.code());
        inputs.put("ratios", product == null ? Map.of() : ratioTable(product));
        inputs.put(
                "eligibility",
                Map.of(
                        "reasons",
                        elig.reasons(),
                        "waitingPeriodEndsOn",
                        String.valueOf(elig.waitingPeriodEndsOn()),
                        "sumInsuredRemainingFen",
                        String.valueOf(elig.sumInsuredRemainingFen()),
                        "deductibleRemainingFen",
                        String.valueOf(elig.deductibleRemainingFen())));
        inputs.put(
                "indication",
                Map.of(
                        "rule",
                        d.map(DrugView::indicationRule).map(String::valueOf).orElse(""),
                        "status",
                        indication.status().name(),
                        "reasons",
                        indication.reasons(),
                        "missingFacts",
                        indication.missingFacts()));
        inputs.put("receivedOn", on.toString());
        return new PrescriptionDecision(
                PrescriptionStatus.valueOf(decision.status().name()),
                decision.reasons(),
                indication.missingFacts(),
                clinical,
                inputs,
                policy.map(PolicyTerm::policyNumber).orElse(null),
                product == null ? null : product.code());
    }

    private static ClinicalFacts clinical(SubmitRequest r, LocalDate birthDate) {
        int age = Period.between(birthDate, r.prescribedOn()).getYears();
        PrescriptionApi.Clinical c = r.clinical();
        Integer priorLines = c == null
                ? null
                : c.priorLines() != null ? c.priorLines() : c.lineOfTherapy() == null ? null : c.lineOfTherapy() - 1;
        return new ClinicalFacts(
                age,
                r.diagnosisIcd10(),
                priorLines,
                c == null ? null : c.diseaseStatus(),
                c == null ? null : c.monthsToRelapse(),
                c == null ? null : c.priorTherapies(),
                c == null ? null : c.biomarkers());
    }

    private static PrescriptionRules.Applicant applicant(
            PrescriptionApi.Applicant a, byte[] memberIdHash, FieldCipher cipher) {
        if (a == null) return PrescriptionRules.Applicant.SELF;
        String id = a.idNumber().strip().toUpperCase(Locale.ROOT);
        boolean identity = memberIdHash != null
                && MessageDigest.isEqual(memberIdHash, cipher.lookupHash(ReferenceDataService.ID_HASH_PURPOSE, id));
        return new PrescriptionRules.Applicant(
                a.relation(),
                identity,
                Boolean.TRUE.equals(a.powerOfAttorney()),
                Boolean.TRUE.equals(a.bothIdentityDocuments()),
                Boolean.TRUE.equals(a.guardianshipProof()),
                Boolean.TRUE.equals(a.incapacityProof()));
    }

    private static Map<String, Integer> ratioTable(ProductTerms product) {
        Map<String, Integer> out = new LinkedHashMap<>();
        product.ratios().forEach((k, v) -> out.put("tier" + k.tier() + (k.socialInsuranceUsed() ? ".si" : ".noSi"), v));
        return out;
    }
}
