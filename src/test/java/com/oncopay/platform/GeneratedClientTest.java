package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.LocalDate;
import java.util.UUID;
import oncopay.client.ApiClient;
import oncopay.client.ApiException;
import oncopay.client.api.FulfilmentApi;
import oncopay.client.api.PrescriptionsApi;
import oncopay.client.model.ChooseRequest;
import oncopay.client.model.Chosen;
import oncopay.client.model.FulfilmentMode;
import oncopay.client.model.PrescriptionView;
import oncopay.client.model.RedeemRequest;
import oncopay.client.model.Redemption;
import oncopay.client.model.SubmitRequest;
import org.junit.jupiter.api.Test;

/**
 * A partner's view (#23): the Java client that openapi-generator-maven-plugin generates from docs/openapi.yaml (the
 * live document, OpenApiDocumentTest) compiles, and drives prescription → pickup code → redemption against the
 * running engine, with the documented statuses, money types, Idempotency-Key and problem bodies.
 */
@QuarkusTest
class GeneratedClientTest {
    static final String PHARMACY = "DEMO-PH-BJ-01";

    @TestHTTPResource("/")
    URL engine;

    ApiClient as(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(engine.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }

    @Test
    void prescription_pickup_code_and_redemption_through_the_generated_client() throws Exception {
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", false, "C34.9", "2026-05-01");
        String member = TestTokens.member(m.memberId());

        PrescriptionView prescription = new PrescriptionsApi(as(member))
                .prescriptionResourceSubmit(
                        new SubmitRequest()
                                .memberId(m.memberId())
                                .drugId("D001")
                                .packs(1)
                                .daysSupply(21)
                                .prescribedOn(LocalDate.of(2026, 11, 23))
                                .prescriberName("李医生")
                                .hospitalCode("DEMO-H-BJ-01")
                                .diagnosisIcd10("C34.9"),
                        UUID.randomUUID().toString(),
                        "zh-CN");
        assertEquals("APPROVED", prescription.getStatus());

        Chosen chosen = new FulfilmentApi(as(member))
                .fulfilmentResourceChoose(
                        prescription.getPrescriptionId(),
                        new ChooseRequest().mode(FulfilmentMode.PICKUP).pharmacyCode(PHARMACY),
                        "zh-CN");
        assertEquals(FulfilmentMode.PICKUP, chosen.getMode());
        assertTrue(chosen.getPickupCode().matches("[0-9A-Z]{4}(-[0-9A-Z*~$=]{4}){3}"), chosen.getPickupCode());

        FulfilmentApi counter = new FulfilmentApi(as(TestTokens.pharmacy(PHARMACY)));
        RedeemRequest redeem = new RedeemRequest()
                .pickupCode(chosen.getPickupCode())
                .idNumber(m.idNumber())
                .prescriptionCollected(true)
                .socialInsurancePaidFen(0L);
        String key = UUID.randomUUID().toString();
        Redemption redemption = counter.fulfilmentResourceRedeem(redeem, key, "zh-CN");
        var money = redemption.getMoney();
        assertEquals(prescription.getPrescriptionId(), redemption.getPrescriptionId());
        assertEquals("可瑞达", redemption.getBrandName());
        assertTrue(money.getTotalFen() > 0 && money.getInsurerPaysFen() > 0, money.toString());
        assertEquals(
                money.getTotalFen(),
                money.getInsurerPaysFen()
                        + money.getMemberPaysFen()
                        + java.util.Objects.requireNonNullElse(money.getSocialInsurancePaidFen(), 0L));

        // a retry with the same key (a timeout at the counter) gets the same receipt
        assertEquals(
                redemption.getRedemptionId(),
                counter.fulfilmentResourceRedeem(redeem, key, "zh-CN").getRedemptionId());
        // the code is spent: a problem body with the documented code, in English when asked
        ApiException used = assertThrows(
                ApiException.class,
                () -> counter.fulfilmentResourceRedeem(redeem, UUID.randomUUID().toString(), "en"));
        assertEquals(409, used.getCode());
        assertTrue(used.getResponseBody().contains("\"code\":\"CODE_ALREADY_REDEEMED\""), used.getResponseBody());

        var recent = counter.fulfilmentListsResourceRedemptions(PHARMACY, "0", "50", "zh-CN");
        assertTrue(
                recent.getItems().stream()
                        .anyMatch(l -> l.getRedemptionId().equals(redemption.getRedemptionId())
                                && l.getInsurerPaysFen().equals(money.getInsurerPaysFen())),
                "the redemption is in the pharmacy's list");
    }
}
