package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.MemberBlock;
import com.oncopay.coverage.CoverageApi.PolicyRequest;
import com.oncopay.coverage.CoverageApi.PolicyView;
import com.oncopay.coverage.domain.Renewal;
import com.oncopay.coverage.domain.ResidentId;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Creates a policy term for a member (creating the member, or updating its name and flags when the
 * identity number agrees), with its accumulator and audit row in one transaction; reads one back.
 */
@ApplicationScoped
public class ManagingPolicies {
    private final Transactions transactions;
    private final AuditLog audit;
    private final PolicyRepository policies;
    private final ProductRepository products;
    private final FieldCipher cipher;
    private final EligibilityCache eligibilityCache;
    private final Clock clock;

    public ManagingPolicies(
            Transactions transactions,
            AuditLog audit,
            PolicyRepository policies,
            ProductRepository products,
            FieldCipher cipher,
            EligibilityCache eligibilityCache,
            Clock clock) {
        this.transactions = transactions;
        this.audit = audit;
        this.policies = policies;
        this.products = products;
        this.cipher = cipher;
        this.eligibilityCache = eligibilityCache;
        this.clock = clock;
    }

    public Uni<PolicyView> create(PolicyRequest r, Caller caller, boolean demo) {
        MemberBlock m = r.member();
        String id = validIdNumber(r);
        byte[] idHash = cipher.lookupHash(ReferenceDataService.ID_HASH_PURPOSE, id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        PolicyEntity policy = new PolicyEntity();
        policy.policyNumber = r.policyNumber();
        policy.productCode = r.productCode();
        policy.memberId = m.memberId();
        policy.effectiveDate = r.effectiveDate();
        policy.expiryDate = r.expiryDate();
        policy.previousPolicyNumber = r.previousPolicyNumber();
        policy.receivedOn = r.receivedOn();
        MemberEntity[] seen = new MemberEntity[1]; // the member as it was, for its filing in the answer
        return transactions
                .inEntityTransaction(() -> products.exists(r.productCode())
                        .flatMap(found -> {
                            if (!found) throw Refused.rule("PRODUCT_NOT_FOUND", r.productCode());
                            return policies.exists(r.policyNumber());
                        })
                        .flatMap(found -> {
                            if (found) throw Refused.conflict("ALREADY_EXISTS", r.policyNumber());
                            return policies.lockMember(m.memberId());
                        })
                        .flatMap(existing -> {
                            seen[0] = existing;
                            return upsertMember(existing, m, id, idHash, now, demo);
                        })
                        .chain(() -> r.previousPolicyNumber() == null
                                ? Uni.createFrom().voidItem()
                                : policies.previous(r.previousPolicyNumber())
                                        .invoke(previous -> Renewal.refusal(
                                                        r.previousPolicyNumber(),
                                                        previous,
                                                        m.memberId(),
                                                        r.effectiveDate())
                                                .ifPresent(refused -> {
                                                    throw refused;
                                                }))
                                        .replaceWithVoid())
                        .chain(() -> policies.overlaps(m.memberId(), r.effectiveDate(), r.expiryDate()))
                        .flatMap(overlap -> {
                            if (overlap) throw Refused.conflict("POLICY_OVERLAP", r.policyNumber());
                            return policies.insert(policy);
                        })
                        .chain(() -> audit.recordInEntityTransaction(AuditEntry.of(
                                caller,
                                "POLICY_CREATED",
                                "policy",
                                r.policyNumber(),
                                Map.of("memberId", m.memberId(), "productCode", r.productCode())))))
                .call(() -> eligibilityCache.invalidate(m.memberId()))
                .map(x -> new PolicyView(
                        r.policyNumber(),
                        r.productCode(),
                        MemberViews.of(
                                m.memberId(),
                                m.name(),
                                m.idType(),
                                id,
                                m.birthDate(),
                                m.mainlandCitizen(),
                                m.socialInsurance(),
                                MemberViews.filing(seen[0]),
                                caller),
                        r.effectiveDate(),
                        r.expiryDate(),
                        r.previousPolicyNumber(),
                        r.receivedOn(),
                        null));
    }

    /** The canonical identity number, after checking every field of the request (400 listing all). */
    private static String validIdNumber(PolicyRequest r) {
        MemberBlock m = r.member();
        String idNumber = m.idNumber().strip();
        FieldErrors errors = new FieldErrors()
                .date("effectiveDate", r.effectiveDate())
                .date("expiryDate", r.expiryDate())
                .date("receivedOn", r.receivedOn())
                .date("member.birthDate", m.birthDate());
        if (r.expiryDate().isBefore(r.effectiveDate()))
            errors.add("expiryDate", "INVALID", "must not be before effectiveDate");
        if (m.idType() == CoverageApi.IdType.RESIDENT_ID) {
            idNumber = ResidentId.canonical(idNumber);
            ResidentId.check(idNumber, m.birthDate())
                    .ifPresent(defect -> errors.add(
                            "member.idNumber",
                            "INVALID_" + defect.name(),
                            switch (defect) {
                                case FORMAT -> "18 characters: 17 digits and a digit or X";
                                case CHECK_DIGIT -> "the check character (ISO 7064 MOD 11-2) does not match";
                                case BIRTH_DATE -> "the birth date in the number does not agree with birthDate";
                            }));
        } else if (!idNumber.matches("[A-Za-z0-9()\\-]{5,30}")) {
            errors.add("member.idNumber", "INVALID_FORMAT", "5-30 letters and digits");
        }
        if (r.previousPolicyNumber() != null && r.previousPolicyNumber().equals(r.policyNumber())) {
            errors.add("previousPolicyNumber", "INVALID", "a policy cannot renew itself");
        }
        errors.throwIfAny();
        return idNumber;
    }

    private Uni<Void> upsertMember(
            MemberEntity existing, MemberBlock m, String id, byte[] idHash, OffsetDateTime now, boolean demo) {
        if (existing != null) {
            if (!MessageDigest.isEqual(existing.idNumberHash, idHash))
                throw Refused.conflict("MEMBER_IDENTITY_MISMATCH", m.memberId());
            existing.name = m.name();
            existing.mainlandCitizen = m.mainlandCitizen();
            existing.socialInsurance = m.socialInsurance();
            existing.updatedAt = now;
            return policies.saveMember();
        }
        MemberEntity member = new MemberEntity();
        member.memberId = m.memberId();
        member.name = m.name();
        member.idType = m.idType();
        member.idNumberEnc = cipher.encrypt(id, ReferenceDataService.ID_NUMBER_CONTEXT, m.memberId());
        member.idNumberHash = idHash;
        member.birthDate = m.birthDate();
        member.mainlandCitizen = m.mainlandCitizen();
        member.socialInsurance = m.socialInsurance();
        member.demo = demo;
        member.updatedAt = now;
        return policies.insertMember(member);
    }

    public Uni<PolicyView> policy(String policyNumber, Caller caller) {
        return transactions.inEntitySession(() -> policies.withMember(policyNumber)
                .map(found -> {
                    if (found == null) throw Refused.of(Refused.Kind.NOT_FOUND, "POLICY_NOT_FOUND", policyNumber);
                    PolicyEntity p = found.policy();
                    MemberEntity m = found.member();
                    String idNumber = cipher.decrypt(
                            m.idNumberEnc, ReferenceDataService.ID_NUMBER_CONTEXT, m.memberId); // only to mask it
                    return new PolicyView(
                            policyNumber,
                            p.productCode,
                            MemberViews.of(
                                    m.memberId,
                                    m.name,
                                    m.idType,
                                    idNumber,
                                    m.birthDate,
                                    m.mainlandCitizen,
                                    m.socialInsurance,
                                    MemberViews.filing(m),
                                    caller),
                            p.effectiveDate,
                            p.expiryDate,
                            p.previousPolicyNumber,
                            p.receivedOn,
                            p.cancelledFrom);
                }));
    }
}
