package com.oncopay.fulfilment.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What is collected when the drug is handed over, at the counter or at the door (seed 004, 附件一):
 * 「特药处方在领取药品时须收取原件」 always; the signed claim application form, the benefit payment
 * authorisation and the collection confirmation, and a copy of the insured's identity document
 * whenever the pharmacy sends the checklist; and 「若申请人委托他人代为领取药品的，还应提供委托授权书原件、
 * 委托人和受托人的身份证明」 when someone else collects.
 *
 * <p>A client that sends only {@code prescriptionCollected} (the contract before the checklist) is
 * checked as before, on the prescription alone; the other items are then recorded as not stated
 * (null), never as collected. A client that sends {@code documents} states every item and is
 * refused (DOCUMENTS_INCOMPLETE) when any of them is not true.
 */
public final class HandOverDocuments {
    public static final String PRESCRIPTION_NOT_COLLECTED = "PRESCRIPTION_NOT_COLLECTED";
    public static final String DOCUMENTS_INCOMPLETE = "DOCUMENTS_INCOMPLETE";
    public static final String COLLECTOR_DOCUMENTS_MISSING = "COLLECTOR_DOCUMENTS_MISSING";

    private HandOverDocuments() {}

    /** The checklist as stated by the pharmacy; null = not stated. */
    public record Checklist(
            Boolean prescriptionOriginal,
            Boolean claimApplicationForm,
            Boolean benefitPaymentAuthorisation,
            Boolean collectionConfirmation,
            Boolean insuredIdCopy) {}

    /** The refusal code (null when the hand-over may go ahead), the missing items, and what is recorded. */
    public record Outcome(String refusal, List<String> missing, Checklist recorded) {}

    /**
     * Checks what was stated: {@code prescriptionCollected} (the older flag) and {@code documents}
     * (the checklist, null when not sent). The prescription original is collected when one of them
     * says true and neither says false; missing, it is refused with PRESCRIPTION_NOT_COLLECTED.
     */
    public static Outcome check(Boolean prescriptionCollected, Checklist documents) {
        Boolean listed = documents == null ? null : documents.prescriptionOriginal();
        boolean prescription = (Boolean.TRUE.equals(prescriptionCollected) || Boolean.TRUE.equals(listed))
                && !Boolean.FALSE.equals(prescriptionCollected)
                && !Boolean.FALSE.equals(listed);
        Checklist recorded = documents == null
                ? new Checklist(prescription, null, null, null, null)
                : new Checklist(
                        prescription,
                        documents.claimApplicationForm(),
                        documents.benefitPaymentAuthorisation(),
                        documents.collectionConfirmation(),
                        documents.insuredIdCopy());
        if (!prescription) return new Outcome(PRESCRIPTION_NOT_COLLECTED, List.of("prescriptionOriginal"), recorded);
        if (documents == null) return new Outcome(null, List.of(), recorded);
        List<String> missing = new ArrayList<>();
        if (!Boolean.TRUE.equals(documents.claimApplicationForm())) missing.add("claimApplicationForm");
        if (!Boolean.TRUE.equals(documents.benefitPaymentAuthorisation())) missing.add("benefitPaymentAuthorisation");
        if (!Boolean.TRUE.equals(documents.collectionConfirmation())) missing.add("collectionConfirmation");
        if (!Boolean.TRUE.equals(documents.insuredIdCopy())) missing.add("insuredIdCopy");
        return new Outcome(missing.isEmpty() ? null : DOCUMENTS_INCOMPLETE, List.copyOf(missing), recorded);
    }

    /**
     * What is missing when someone else collects: the original power of attorney and the member's
     * identity document (the collector's own is the one whose number is recorded).
     */
    public static List<String> collectorMissing(Boolean powerOfAttorneySeen, Boolean memberIdSeen) {
        List<String> missing = new ArrayList<>();
        if (!Boolean.TRUE.equals(powerOfAttorneySeen)) missing.add("powerOfAttorneySeen");
        if (!Boolean.TRUE.equals(memberIdSeen)) missing.add("memberIdSeen");
        return List.copyOf(missing);
    }
}
