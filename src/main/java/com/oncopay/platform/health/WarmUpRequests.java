package com.oncopay.platform.health;

import com.oncopay.platform.security.WarmUpCallers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * The start-up warm-up's requests ({@link StartupWarmUp}): a working day's mix of its made-up callers, and the names of
 * the rows each rehearsed write finds ({@link com.oncopay.platform.db.RehearsalFixtures} write them): the member's
 * hospital, pharmacy and approved prescription, the pharmacy's member and reserved code.
 */
public final class WarmUpRequests {
    /**
     * A multiple of the 3 kinds of write, so that each kind has members of its own ({@code n % 3} picks the kind,
     * {@code n % MEMBERS} the member): two rehearsals in flight at once never write the same member's rows, which would
     * make the second wait for the first to end.
     */
    static final int MEMBERS = 99, PHARMACIES = 200;
    /**
     * The members the reads ask about: few, so that each is asked again and again, as a member's app does, and the
     * answer comes from this replica's near cache (the path of most eligibility checks).
     */
    static final int READERS = 20;
    /** The drug of its eligibility checks (a {@link WarmUpStage} may set their answers up). */
    public static final String ELIGIBILITY_DRUG = "D001";
    /** The drug of the approved prescription its fulfilments and redemptions rehearse. */
    public static final String ORDER_DRUG = "D001";
    /** The drug of its submissions (a clean D002 prescription is approved straight through). */
    public static final String SUBMITTED_DRUG = "D002";
    /** The diagnosis of every made-up member and of its prescriptions (a first diagnosis the submissions repeat). */
    public static final String DIAGNOSIS_ICD10 = "C34.9";
    /** The identity number of every made-up member: valid in form (its check digit is right), held by no one. */
    public static final String ID_NUMBER = "110101199003074578";

    /** The designated hospital of the made-up member {@code memberId} in its rehearsals (a feature writes it). */
    public static String hospitalOf(String memberId) {
        return memberId + "-H";
    }

    /** The pharmacy the made-up member {@code memberId} chooses in its rehearsals. */
    public static String pharmacyOf(String memberId) {
        return memberId + "-PH";
    }

    /** The member whose order the made-up pharmacy {@code pharmacyId} hands over in its rehearsals. */
    public static String memberOf(String pharmacyId) {
        return pharmacyId + "-M";
    }

    /** The approved prescription of the made-up member {@code memberId} in its rehearsals. */
    public static UUID prescriptionOf(String memberId) {
        return UUID.nameUUIDFromBytes(("warm-up prescription " + memberId).getBytes(StandardCharsets.UTF_8));
    }

    private static final String[] SEARCHES = {"ai", "xin", "PD", "tinib", "mab", "T"};

    private final Clock clock;
    private final WarmUpPickupCodes codes;

    WarmUpRequests(Clock clock, WarmUpPickupCodes codes) {
        this.clock = clock;
        this.codes = codes;
    }

    /**
     * The {@code n}th read of the made-up callers {@code who}: an eligibility check, by the member or by the reviewer
     * (a staff read, audited: every other check), or a catalog search. Its status.
     */
    Future<Integer> read(HttpClient client, WarmUpCallers.Callers who, long n) {
        int m = (int) (n / 2 % READERS);
        String member = who.memberIds().get(m), memberToken = who.memberTokens().get(m);
        if (n % 2 == 0)
            return call(
                    client,
                    HttpMethod.GET,
                    "/api/v1/members/" + member + "/eligibility?drugId=" + ELIGIBILITY_DRUG,
                    n % 4 == 0 ? memberToken : who.reviewerToken(),
                    null);
        return call(
                client,
                HttpMethod.GET,
                "/api/v1/drugs?q=" + SEARCHES[(int) (n / 2 % SEARCHES.length)],
                memberToken,
                null);
    }

    /**
     * The {@code n}th write of the made-up callers {@code who}, each a rehearsal: a prescription, a redemption at the
     * counter, the choice of a pharmacy. Its status.
     */
    Future<Integer> write(HttpClient client, WarmUpCallers.Callers who, long n) {
        int m = (int) (n % MEMBERS), p = (int) (n % PHARMACIES);
        String member = who.memberIds().get(m), memberToken = who.memberTokens().get(m);
        return switch ((int) (n % 3)) {
            case 0 ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/prescriptions",
                        memberToken,
                        "{\"memberId\":\"" + member
                                + "\",\"drugId\":\"" + SUBMITTED_DRUG
                                + "\",\"packs\":1,\"daysSupply\":21,\"prescribedOn\":\"" + today()
                                + "\",\"prescriberName\":\"预热\",\"hospitalCode\":\"" + hospitalOf(member)
                                + "\",\"diagnosisIcd10\":\"" + DIAGNOSIS_ICD10 + "\"}");
            case 1 ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/pharmacy/redemptions",
                        who.pharmacyTokens().get(p),
                        "{\"pickupCode\":\""
                                + codes.of(who.pharmacyIds().get(p))
                                + "\",\"idNumber\":\"" + ID_NUMBER + "\",\"prescriptionCollected\":true,"
                                + "\"socialInsurancePaidFen\":0}");
            default ->
                call(
                        client,
                        HttpMethod.POST,
                        "/api/v1/prescriptions/" + prescriptionOf(member) + "/fulfilment",
                        memberToken,
                        "{\"mode\":\"PICKUP\",\"pharmacyCode\":\"" + pharmacyOf(member) + "\"}");
        };
    }

    /** Today in Beijing, by the business clock: the day a rehearsed prescription is written. */
    private java.time.LocalDate today() {
        return java.time.LocalDate.now(clock.withZone(com.oncopay.platform.time.ClockProducer.BUSINESS_ZONE));
    }

    private static Future<Integer> call(HttpClient client, HttpMethod method, String uri, String token, String json) {
        return client.request(method, uri)
                .compose(req -> {
                    req.putHeader("Authorization", "Bearer " + token);
                    if (json == null) return req.send();
                    req.putHeader("Content-Type", "application/json");
                    return req.send(Buffer.buffer(json));
                })
                .compose(resp -> resp.body().map(body -> resp.statusCode()));
    }
}
