package com.oncopay.coverage;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.RehearsalFixtures;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.health.StartupWarmUp;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A made-up warm-up member's rows, written at the start of each of its rehearsals (and rolled back with it): the
 * member, a policy on the first product past its waiting period, its accumulator, a designated hospital of its own and
 * a first diagnosis there after the waiting period. With them a rehearsed submission of a clean prescription takes the
 * path of a real one, up to its straight-through approval. The rows name no one: the member's made-up id, a name that
 * says warm-up, an identity number no one holds.
 */
@ApplicationScoped
public class WarmUpMembers implements RehearsalFixtures {
    private final FieldCipher cipher;
    private final Clock clock;

    public WarmUpMembers(FieldCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Uni<Void> insert(Tx tx, String role, String memberId) {
        if (!Roles.MEMBER.equals(role)) return Uni.createFrom().voidItem();
        LocalDate today = LocalDate.now(clock.withZone(BusinessCalendar.ZONE));
        LocalDate effective = today.minusDays(200);
        String policy = memberId + "-P", hospital = StartupWarmUp.hospitalOf(memberId);
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
                                                StartupWarmUp.ID_NUMBER,
                                                ReferenceDataService.ID_NUMBER_CONTEXT,
                                                memberId),
                                        cipher.lookupHash(
                                                ReferenceDataService.ID_HASH_PURPOSE, StartupWarmUp.ID_NUMBER),
                                        LocalDate.of(1990, 3, 7))),
                        c.preparedQuery(
                                        "insert into policy (policy_number, product_code, member_id, effective_date,"
                                                + " expiry_date) select $1, code, $2, $3, $4 from product order by code limit 1")
                                .execute(Tuple.of(
                                        policy,
                                        memberId,
                                        effective,
                                        effective.plusYears(1).minusDays(1))),
                        c.preparedQuery("insert into accumulator (policy_number) values ($1)")
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
                                        cipher.encrypt("C34.9", "diagnosis.icd10", diagnosis.toString()),
                                        today.minusDays(30),
                                        hospital)))
                .discardItems();
    }
}
