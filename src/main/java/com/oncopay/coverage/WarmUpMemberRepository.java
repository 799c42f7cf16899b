package com.oncopay.coverage;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.RehearsalFixtures;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.health.WarmUpRequests;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A made-up warm-up caller's coverage rows, written at the start of each of its rehearsals (and rolled back with it).
 * A member gets itself (a policy on the first product past its waiting period, its accumulator with the deductible
 * met, a designated hospital of its own and a first diagnosis there after the waiting period) and the pharmacy it
 * chooses; a pharmacy gets itself, with contract prices, and the member whose order it hands over. With them a
 * rehearsed submission of a clean prescription takes the path of a real one up to its straight-through approval, and
 * so do the choice of a pharmacy and the redemption at its counter ({@code fulfilment.WarmUpOrderRepository} writes
 * their orders). The rows name no one: made-up ids, names that say warm-up, an identity number no one holds.
 */
@ApplicationScoped
public class WarmUpMemberRepository implements RehearsalFixtures {
    private final FieldCipher cipher;
    private final Clock clock;

    public WarmUpMemberRepository(FieldCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Uni<Void> insert(Tx tx, String role, String callerId) {
        if (Roles.MEMBER.equals(role))
            return member(tx, callerId).chain(() -> pharmacy(tx, WarmUpRequests.pharmacyOf(callerId)));
        if (Roles.PHARMACY.equals(role))
            return pharmacy(tx, callerId).chain(() -> member(tx, WarmUpRequests.memberOf(callerId)));
        return Uni.createFrom().voidItem();
    }

    /** The member, its policy and accumulator, its designated hospital and its first diagnosis there. */
    private Uni<Void> member(Tx tx, String memberId) {
        LocalDate today = LocalDate.now(clock.withZone(BusinessCalendar.ZONE));
        LocalDate effective = today.minusDays(200);
        String policy = memberId + "-P", hospital = WarmUpRequests.hospitalOf(memberId);
        UUID diagnosis = UUID.randomUUID();
        var c = tx.client();
        // sent together on the rehearsal's connection, in the order of their foreign keys
        return Uni.combine()
                .all()
                .unis(
                        c.preparedQuery("insert into member (member_id, name, id_type, id_number_enc, id_number_hash,"
                                        + " birth_date, mainland_citizen, social_insurance)"
                                        + " values ($1, '预热会员', 'RESIDENT_ID', $2, $3, $4, true, true)")
                                .execute(Tuple.of(
                                        memberId,
                                        cipher.encrypt(
                                                WarmUpRequests.ID_NUMBER,
                                                ReferenceDataService.ID_NUMBER_CONTEXT,
                                                memberId),
                                        cipher.lookupHash(
                                                ReferenceDataService.ID_HASH_PURPOSE, WarmUpRequests.ID_NUMBER),
                                        LocalDate.of(1990, 3, 7))),
                        c.preparedQuery(
                                        "insert into policy (policy_number, product_code, member_id, effective_date,"
                                                + " expiry_date) select $1, code, $2, $3, $4 from product order by code limit 1")
                                .execute(Tuple.of(
                                        policy,
                                        memberId,
                                        effective,
                                        effective.plusYears(1).minusDays(1))),
                        // its deductible met: a redemption's insurer share is then not nil
                        c.preparedQuery("insert into accumulator (policy_number, deductible_met_fen)"
                                        + " select p.policy_number, pr.deductible_fen from policy p"
                                        + " join product pr on pr.code = p.product_code where p.policy_number = $1")
                                .execute(Tuple.of(policy)),
                        c.preparedQuery("insert into hospital (code, name, province, city, grade, public_owned, kind,"
                                        + " designated) values ($1, '预热医院', '北京', '北京', 'GRADE_3', true,"
                                        + " 'GENERAL', true)")
                                .execute(Tuple.of(hospital)),
                        c.preparedQuery("insert into diagnosis (id, member_id, icd10_enc, diagnosed_on, hospital_code,"
                                        + " specialist, first_ever, recorded_by) values ($1, $2, $3, $4, $5, true,"
                                        + " true, 'warm-up')")
                                .execute(Tuple.of(
                                        diagnosis,
                                        memberId,
                                        cipher.encrypt(
                                                WarmUpRequests.DIAGNOSIS_ICD10,
                                                ReferenceDataService.ICD10_CONTEXT,
                                                diagnosis.toString()),
                                        today.minusDays(30),
                                        hospital)))
                .discardItems();
    }

    /** A designated pharmacy in Beijing with a contract price for every drug the warm-up asks about. */
    private static Uni<Void> pharmacy(Tx tx, String code) {
        var c = tx.client();
        return Uni.combine()
                .all()
                .unis(
                        c.preparedQuery("insert into pharmacy (code, name, province, city, gsp_certified, cold_chain,"
                                        + " pharmacist_on_site, social_insurance_settlement, designated)"
                                        + " values ($1, '预热药房', '北京', '北京', true, true, true, true, true)")
                                .execute(Tuple.of(code)),
                        c.preparedQuery("insert into pharmacy_price (pharmacy_code, drug_id, price_fen)"
                                        + " values ($1, $2, 1791800), ($1, $3, 1791800)")
                                .execute(Tuple.of(code, WarmUpRequests.ORDER_DRUG, WarmUpRequests.SUBMITTED_DRUG)))
                .discardItems();
    }
}
