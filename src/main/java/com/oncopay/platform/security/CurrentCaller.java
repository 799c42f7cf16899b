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
        String member = null, pharmacy = null, coordinator = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            member = claim(jwt, Roles.MEMBER_ID_CLAIM);
            pharmacy = claim(jwt, Roles.PHARMACY_ID_CLAIM);
            coordinator = claim(jwt, Roles.COORDINATOR_ID_CLAIM);
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles(), member, pharmacy, coordinator);
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v == null) return null;
        if (v instanceof jakarta.json.JsonString s) return s.getString();
        return v.toString();
    }
}
