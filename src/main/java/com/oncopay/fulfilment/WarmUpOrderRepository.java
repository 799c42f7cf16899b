package com.oncopay.fulfilment;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.fulfilment.domain.PickupCode;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.RehearsalFixtures;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.health.WarmUpPickupCodes;
import com.oncopay.platform.health.WarmUpRequests;
import com.oncopay.platform.security.Roles;
import com.oncopay.prescription.SubmittingPrescription;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A made-up warm-up caller's order, written in each of its rehearsals after its coverage rows
 * ({@code coverage.WarmUpMemberRepository}) and rolled back with them: a member gets an approved prescription to
 * choose a pharmacy for; a pharmacy gets its member's approved prescription with a pickup code reserved at its
 * counter, the code {@link PickupCode#derived} from the pharmacy's id, so that the warm-up can type it.
 */
@ApplicationScoped
public class WarmUpOrderRepository implements RehearsalFixtures, WarmUpPickupCodes {
    private final FieldCipher cipher;
    private final Clock clock;

    public WarmUpOrderRepository(FieldCipher cipher, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The code the made-up pharmacy {@code pharmacyId} types: the one its rehearsals reserve for it. */
    @Override
    public String of(String pharmacyId) {
        return PickupCode.derived(pharmacyId);
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Uni<Void> insert(Tx tx, String role, String callerId) {
        if (Roles.MEMBER.equals(role)) return prescription(tx, callerId);
        if (!Roles.PHARMACY.equals(role)) return Uni.createFrom().voidItem();
        String member = WarmUpRequests.memberOf(callerId);
        String code = PickupCode.normalise(PickupCode.derived(callerId)).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return prescription(tx, member)
                .chain(() -> tx.client()
                        .preparedQuery("insert into fulfilment (id, prescription_id, member_id, pharmacy_code, mode,"
                                + " code_hash, status, expires_at, created_at, updated_at)"
                                + " values ($1, $2, $3, $4, 'PICKUP', $5, 'RESERVED', $6, $7, $7)")
                        .execute(Tuple.from(new Object[] {
                            UUID.randomUUID(),
                            WarmUpRequests.prescriptionOf(member),
                            member,
                            callerId,
                            cipher.lookupHash(ChoosingFulfilment.CODE_PURPOSE, code),
                            now.plusDays(1),
                            now
                        })))
                .replaceWithVoid();
    }

    /** The member's approved prescription of the warm-up's order drug, written today at its own hospital. */
    private Uni<Void> prescription(Tx tx, String member) {
        UUID id = WarmUpRequests.prescriptionOf(member);
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(BusinessCalendar.ZONE).toLocalDate();
        return tx.client()
                .preparedQuery("insert into prescription (id, member_id, policy_number, product_code, drug_id, tier,"
                        + " packs, days_supply, prescribed_on, valid_days, prescriber_name, hospital_code,"
                        + " diagnosis_enc, applicant_relation, status, reasons, decision_inputs, first_claim,"
                        + " received_at, decided_at, decided_by, created_by)"
                        + " select $1, $2, p.policy_number, p.product_code, $3, 2, 1, 21, $4, 3, '预热', $5, $6, 'SELF',"
                        + " 'APPROVED', '[]', '{}', true, $7, $7, 'engine', 'warm-up'"
                        + " from policy p where p.member_id = $2")
                .execute(Tuple.from(new Object[] {
                    id,
                    member,
                    WarmUpRequests.ORDER_DRUG,
                    today,
                    WarmUpRequests.hospitalOf(member),
                    cipher.encrypt(
                            WarmUpRequests.DIAGNOSIS_ICD10, SubmittingPrescription.DIAGNOSIS_CONTEXT, id.toString()),
                    now
                }))
                .replaceWithVoid();
    }
}
