package com.oncopay.platform.security;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tells the pages how to sign in: {@code oidc} (the issuer and the pages' client id: the browser
 * does the authorization code flow with PKCE itself), {@code dev} (the demo picker of the dev and
 * test profiles) or {@code none}. Public: it is what a page reads before anyone is signed in.
 */
@Path("/sign-in")
@Tag(name = "Platform")
public class SignInResource {
    public record SignIn(String mode, String issuer, String clientId, String scope) {}

    private final SignIn answer;

    public SignInResource(SignInConfig config, DevLoginConfig devLogin) {
        this.answer = of(config, devLogin.enabled());
    }

    static SignIn of(SignInConfig config, boolean devLogin) {
        if (devLogin) return new SignIn("dev", null, null, null);
        return config.issuer()
                .filter(i -> !i.isBlank())
                .map(i -> new SignIn("oidc", i.replaceAll("/+$", ""), config.clientId(), config.scope()))
                .orElse(new SignIn("none", null, null, null));
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the pages sign in: OIDC (issuer, client id) or the dev picker")
    public SignIn signIn() {
        return answer;
    }
}
