package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A row of {@code policy}: one term of a member's cover under a product (a renewal names the term it continues). */
@Entity
@Table(name = "policy")
public class PolicyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "policy_number")
    public String policyNumber;

    @Column(name = "product_code", nullable = false)
    public String productCode;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "expiry_date", nullable = false)
    public LocalDate expiryDate;

    @Column(name = "previous_policy_number")
    public String previousPolicyNumber;

    /** The day the policyholder received the policy (the cooling-off period follows it); null: not recorded. */
    @Column(name = "received_on")
    public LocalDate receivedOn;

    /** The first day without cover once cancelled (written by {@link CancellationRepository}); null: not cancelled. */
    @Column(name = "cancelled_from", insertable = false, updatable = false)
    public LocalDate cancelledFrom;
}
