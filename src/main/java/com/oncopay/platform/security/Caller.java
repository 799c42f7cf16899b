package com.oncopay.platform.security;

import com.oncopay.platform.error.ProblemException;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as read from a verified token: subject, roles and the ids that scope
 * what the caller may see. Plain Java so that rules can take it as an argument.
 */
public record Caller(String subject, Set<String> roles, String memberId, String pharmacyId, String coordinatorId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... candidates) {
        for (String r : candidates) if (roles.contains(r)) return true;
        return false;
    }

    /** The most privileged role, for the audit log. */
    public String primaryRole() {
        for (String r : new String[] {Roles.ADMIN, Roles.REVIEWER, Roles.COORDINATOR, Roles.PHARMACY, Roles.MEMBER}) {
            if (roles.contains(r)) return r;
        }
        return "NONE";
    }

    /**
     * Object-level check for a member's object: ADMIN and the listed staff roles see every
     * member's objects, a MEMBER only its own. Anything else is answered as if the object
     * did not exist (404), never revealing that it does.
     */
    public void requireMemberVisible(String ownerMemberId, String... staffRoles) {
        if (has(Roles.ADMIN) || hasAny(staffRoles)) return;
        if (has(Roles.MEMBER) && memberId != null && memberId.equals(ownerMemberId)) return;
        throw denied();
    }

    /** Object-level check for a pharmacy's object: ADMIN, or the PHARMACY whose code it is. */
    public void requirePharmacyVisible(String ownerPharmacyCode) {
        if (has(Roles.ADMIN)) return;
        if (has(Roles.PHARMACY) && pharmacyId != null && pharmacyId.equals(ownerPharmacyCode)) return;
        throw denied();
    }

    /** Object-level check for a coordinator's case: ADMIN, or the COORDINATOR who owns it. */
    public void requireCoordinatorVisible(String ownerCoordinatorId) {
        if (has(Roles.ADMIN)) return;
        if (has(Roles.COORDINATOR) && coordinatorId != null && coordinatorId.equals(ownerCoordinatorId)) return;
        throw denied();
    }

    /** The refusal of an object-level check: answered as 404, audited as a denied probe of this caller. */
    public ProblemException denied() {
        return new ProblemException.Denied(subject, primaryRole());
    }

    public Optional<String> ownMemberId() {
        return has(Roles.MEMBER) ? Optional.ofNullable(memberId) : Optional.empty();
    }
}
