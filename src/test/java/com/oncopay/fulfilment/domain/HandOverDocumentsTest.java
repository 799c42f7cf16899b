package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 附件一 of seed 004: 「特药处方在领取药品时须收取原件」 always; the whole checklist when it is sent;
 * 「委托授权书原件、委托人和受托人的身份证明」 when someone else collects.
 */
class HandOverDocumentsTest {
    /** "-" for the documents column: no checklist sent (an older client); "-" in a cell: not stated. */
    @ParameterizedTest(name = "{index}: prescriptionCollected {0}, documents {1} → {2} {3}")
    @CsvSource(
            nullValues = "-",
            delimiter = '|',
            value = {
                // prescriptionCollected | documents (prescription claim authorisation confirmation idCopy) | refusal |
                // missing | recorded
                // an older client: the prescription alone, as before; the rest recorded as not stated
                "true  | -                      | -                          | -  | true - - - -",
                "false | -                      | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false - - - -",
                "-     | -                      | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false - - - -",
                // the checklist, complete, with or without the older flag
                "-     | true true true true true | -                        | -  | true true true true true",
                "true  | - true true true true    | -                        | -  | true true true true true",
                "true  | true true true true true | -                        | -  | true true true true true",
                // the prescription: any false wins, so does a missing one, before the rest of the list
                "true  | false true true true true | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false true true true true",
                "false | true true true true true  | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false true true true true",
                "-     | - true true true true     | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false true true true true",
                "-     | false false false false false | PRESCRIPTION_NOT_COLLECTED | prescriptionOriginal | false false false false false",
                // each other item missing (false or not stated), alone and together, in the list's order
                "-     | true false true true true | DOCUMENTS_INCOMPLETE | claimApplicationForm | true false true true true",
                "-     | true true - true true     | DOCUMENTS_INCOMPLETE | benefitPaymentAuthorisation | true true - true true",
                "-     | true true true false true | DOCUMENTS_INCOMPLETE | collectionConfirmation | true true true false true",
                "-     | true true true true -     | DOCUMENTS_INCOMPLETE | insuredIdCopy | true true true true -",
                "true  | - - - - -                 | DOCUMENTS_INCOMPLETE | claimApplicationForm benefitPaymentAuthorisation collectionConfirmation insuredIdCopy | true - - - -",
            })
    void checks_the_documents(
            Boolean prescriptionCollected, String documents, String refusal, String missing, String recorded) {
        HandOverDocuments.Outcome o =
                HandOverDocuments.check(prescriptionCollected, documents == null ? null : list(documents));
        assertEquals(refusal, o.refusal());
        assertEquals(missing == null ? List.of() : Arrays.asList(missing.split(" ")), o.missing());
        assertEquals(list(recorded), o.recorded());
    }

    @ParameterizedTest(name = "power of attorney {0}, member's ID {1} → missing {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "true,  true,  -",
                "false, true,  powerOfAttorneySeen",
                "-,     true,  powerOfAttorneySeen",
                "true,  false, memberIdSeen",
                "true,  -,     memberIdSeen",
                "false, false, powerOfAttorneySeen memberIdSeen",
            })
    void a_collector_brings_the_power_of_attorney_and_the_members_id(
            Boolean attorney, Boolean memberId, String missing) {
        assertEquals(
                missing == null ? List.of() : Arrays.asList(missing.split(" ")),
                HandOverDocuments.collectorMissing(attorney, memberId));
    }

    private static HandOverDocuments.Checklist list(String five) {
        Boolean[] b = Arrays.stream(five.trim().split("\\s+"))
                .map(x -> x.equals("-") ? null : Boolean.valueOf(x))
                .toArray(Boolean[]::new);
        return new HandOverDocuments.Checklist(b[0], b[1], b[2], b[3], b[4]);
    }
}
