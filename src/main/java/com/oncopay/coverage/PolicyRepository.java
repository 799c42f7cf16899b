package com.oncopay.coverage;

import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.Renewal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.hibernate.LockMode;

/** Members and their policy terms ({@code member}, {@code policy}, a new term's {@code accumulator}), in the current session. */
@ApplicationScoped
public class PolicyRepository {
    /** A policy with its member. */
    public record PolicyWithMember(PolicyEntity policy, MemberEntity member) {}

    private static final String RENEWED = "select count(*) from PolicyEntity x where x.previousPolicyNumber = :number";
    private static final String OVERLAPS = """
            select count(*) from PolicyEntity p
            where p.memberId = :member and p.effectiveDate <= :expiry and p.expiryDate >= :effective
            and (p.cancelledFrom is null or (p.cancelledFrom > :effective and p.cancelledFrom > p.effectiveDate))""";
    private static final String WITH_MEMBER = """
            select p, m from PolicyEntity p, MemberEntity m
            where m.memberId = p.memberId and p.policyNumber = :number""";
    private static final String NEW_ACCUMULATOR = "insert into accumulator (policy_number) values (?1)";

    public Uni<Boolean> exists(String policyNumber) {
        return Panache.getSession()
                .flatMap(s -> s.find(PolicyEntity.class, policyNumber))
                .map(p -> p != null);
    }

    /** The member, locked until the transaction ends (select ... for update), or null. */
    public Uni<MemberEntity> lockMember(String memberId) {
        return Panache.getSession().flatMap(s -> s.find(MemberEntity.class, memberId, LockMode.PESSIMISTIC_WRITE));
    }

    public Uni<Void> insertMember(MemberEntity member) {
        return Panache.getSession().flatMap(s -> s.persist(member).chain(s::flush));
    }

    /** Writes the changes made to a member read in this session. */
    public Uni<Void> saveMember() {
        return Panache.flush();
    }

    /** The term a renewal names (whose, when it ended, whether a renewal continues it already), or null. */
    public Uni<Renewal.Previous> previous(String policyNumber) {
        return Panache.getSession()
                .flatMap(s -> s.find(PolicyEntity.class, policyNumber)
                        .flatMap(p -> p == null
                                ? Uni.createFrom().nullItem()
                                : s.createSelectionQuery(RENEWED, Long.class)
                                        .setParameter("number", policyNumber)
                                        .getSingleResult()
                                        .map(n -> new Renewal.Previous(p.memberId, lastCovered(p), n > 0))));
    }

    /** A cancelled term ended on its last covered day ({@link PolicyTerm#lastCoveredDay}). */
    private static LocalDate lastCovered(PolicyEntity p) {
        return new PolicyTerm(p.policyNumber, p.productCode, p.effectiveDate, p.expiryDate, null, p.cancelledFrom)
                .lastCoveredDay();
    }

    /** Whether one of the member's terms covers a day of {@code effective..expiry} (a cancelled term up to its cancellation). */
    public Uni<Boolean> overlaps(String memberId, LocalDate effective, LocalDate expiry) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(OVERLAPS, Long.class)
                        .setParameter("member", memberId)
                        .setParameter("effective", effective)
                        .setParameter("expiry", expiry)
                        .getSingleResult()
                        .map(n -> n > 0));
    }

    /** Inserts the term and its (empty) accumulator. */
    public Uni<Void> insert(PolicyEntity policy) {
        return Panache.getSession()
                .flatMap(s -> s.persist(policy)
                        .chain(s::flush)
                        .chain(() -> s.createNativeQuery(NEW_ACCUMULATOR)
                                .setParameter(1, policy.policyNumber)
                                .executeUpdate())
                        .replaceWithVoid());
    }

    /** The policy with its member, or null. */
    public Uni<PolicyWithMember> withMember(String policyNumber) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(WITH_MEMBER, Object[].class)
                        .setParameter("number", policyNumber)
                        .getSingleResultOrNull()
                        .map(row -> row == null
                                ? null
                                : new PolicyWithMember((PolicyEntity) row[0], (MemberEntity) row[1])));
    }
}
