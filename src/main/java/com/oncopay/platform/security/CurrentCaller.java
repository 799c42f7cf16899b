package com.oncopay.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The verified caller of the current request, as a plain {@link Caller}. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) caller = from(identity);
        return caller;
    }

    public static Caller from(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller("anonymous", Set.of(), null, null, null);
        }
        Set<String> roles = identity.getRoles();
        // a verified token seen before: the Caller made from it then, if the identity's roles are still the same
        // (they come from the token's groups; an augmentor adding roles would make another Caller, not reuse this)
        if (identity.getPrincipal() instanceof VerifiedTokenCache.ClaimsReadOnce token) {
            Caller kept = token.caller();
            if (kept != null && kept.roles().equals(roles)) return kept;
            Caller made = make(identity, roles);
            token.keep(made);
            return made;
        }
        return make(identity, roles);
    }

    private static Caller make(SecurityIdentity identity, Set<String> roles) {
        String member = null, pharmacy = null, coordinator = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            member = claim(jwt, Roles.MEMBER_ID_CLAIM);
            pharmacy = claim(jwt, Roles.PHARMACY_ID_CLAIM);
            coordinator = claim(jwt, Roles.COORDINATOR_ID_CLAIM);
        }
        return new Caller(identity.getPrincipal().getName(), roles, member, pharmacy, coordinator);
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v == null) return null;
        if (v instanceof jakarta.json.JsonString s) return s.getString();
        return v.toString();
    }
}
