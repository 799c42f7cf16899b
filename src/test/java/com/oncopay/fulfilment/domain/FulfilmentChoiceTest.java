package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.coverage.domain.DrugFacts;
import com.oncopay.fulfilment.domain.FulfilmentChoice.Facts;
import com.oncopay.fulfilment.domain.FulfilmentChoice.Way;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FulfilmentChoiceTest {
    static final String H = "DEMO-H-BJ-01";

    /**
     * way, hospital-only drug, NRDL drug, cold-chain drug, member with social insurance, filing on
     * record, pharmacy settles social insurance, cold-chain pharmacy, hospital asked for → refusal
     * (empty: goes ahead), notices. The prescription names {@value H}.
     */
    @ParameterizedTest(
            name =
                    "{0} hospitalOnly={1} nrdl={2} cold={3} si={4} filed={5} settles={6} pharmacyCold={7} {8} → {9} {10}")
    @CsvSource({
        // CAR-T (hospital-only, cold chain, not NRDL): only the hospital transfer, to the prescribing hospital, by a
        // cold-chain pharmacy
        "PICKUP,   true,  false, true,  false, false, true,  true,  ,             HOSPITAL_ONLY,",
        "DELIVERY, true,  false, true,  false, false, true,  true,  ,             HOSPITAL_ONLY,",
        "PICKUP,   true,  false, true,  true,  true,  true,  true,  ,             HOSPITAL_ONLY,",
        "HOSPITAL, true,  false, true,  false, false, true,  true,  DEMO-H-BJ-01, ,",
        "HOSPITAL, true,  false, true,  false, false, false, true,  DEMO-H-BJ-01, ,",
        "HOSPITAL, true,  false, true,  false, false, true,  true,  DEMO-H-SH-01, HOSPITAL_NOT_ON_PRESCRIPTION,",
        "HOSPITAL, true,  false, true,  false, false, true,  true,  ,             HOSPITAL_NOT_ON_PRESCRIPTION,",
        "HOSPITAL, true,  false, true,  false, false, true,  false, DEMO-H-BJ-01, COLD_CHAIN_REQUIRED,",
        // Y-90 microspheres: hospital-only, not cold chain: any designated pharmacy may send it
        "HOSPITAL, true,  false, false, false, false, true,  false, DEMO-H-BJ-01, ,",
        // the hospital way is not for retail drugs
        "HOSPITAL, false, false, true,  false, false, true,  true,  DEMO-H-BJ-01, HOSPITAL_MODE_NOT_APPLICABLE,",
        "HOSPITAL, false, true,  false, true,  true,  true,  true,  DEMO-H-BJ-01, HOSPITAL_MODE_NOT_APPLICABLE,",
        // retail, not NRDL: pickup anywhere, delivery of a cold-chain drug only from a cold-chain pharmacy
        "PICKUP,   false, false, true,  true,  false, false, false, ,             ,",
        "DELIVERY, false, false, true,  true,  false, false, false, ,             COLD_CHAIN_REQUIRED,",
        "DELIVERY, false, false, true,  true,  false, false, true,  ,             ,",
        // NRDL + social insurance: pickup only, at a pharmacy that settles social insurance; the filing is a notice
        "PICKUP,   false, true,  false, true,  true,  true,  false, ,             ,",
        "PICKUP,   false, true,  false, true,  false, true,  false, ,             ,SOCIAL_INSURANCE_FILING_MISSING",
        "PICKUP,   false, true,  false, true,  true,  false, true,  ,             PHARMACY_CANNOT_SETTLE_SOCIAL_INSURANCE,",
        "PICKUP,   false, true,  false, true,  false, false, true,  ,             PHARMACY_CANNOT_SETTLE_SOCIAL_INSURANCE,",
        "DELIVERY, false, true,  false, true,  true,  true,  true,  ,             PICKUP_ONLY_NRDL,",
        // NRDL without social insurance: no card to swipe, so neither the settlement flag nor the filing matters
        "PICKUP,   false, true,  false, false, false, false, false, ,             ,",
        "DELIVERY, false, true,  false, false, false, false, false, ,             ,"
    })
    void which_drug_member_and_pharmacy_pass(
            Way way,
            boolean hospitalOnly,
            boolean nrdl,
            boolean coldChain,
            boolean socialInsurance,
            boolean filed,
            boolean settles,
            boolean pharmacyColdChain,
            String hospital,
            String refusal,
            String notices) {
        Facts f = new Facts(
                way,
                new DrugFacts("D104", 2, nrdl, hospitalOnly),
                coldChain,
                socialInsurance,
                filed,
                settles,
                pharmacyColdChain,
                hospital,
                H);
        assertEquals(refusal, FulfilmentChoice.refusal(f));
        if (refusal == null)
            assertEquals(notices == null ? List.of() : List.of(notices.split(";")), FulfilmentChoice.notices(f));
    }
}
