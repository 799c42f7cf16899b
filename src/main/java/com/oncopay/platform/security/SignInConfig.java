package com.oncopay.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How the pages sign in (prefix {@code oncopay.sign-in}): through the OIDC issuer (authorization code
 * flow with PKCE, in the browser, as the public client {@link #clientId()}), or, when
 * {@code oncopay.dev-login.enabled}, through the dev picker. README "Sign-in".
 */
@ConfigMapping(prefix = "oncopay.sign-in")
public interface SignInConfig {
    /** The issuer the pages sign in with (its {@code /.well-known/openid-configuration}); empty: no OIDC sign-in. */
    Optional<String> issuer();

    /** The pages' public client at the issuer. */
    @WithDefault("oncopay-pages")
    String clientId();

    /** The scopes the pages ask for. */
    @WithDefault("openid")
    String scope();

    /**
     * What the pages' Content-Security-Policy adds to {@code connect-src} (read by the header's
     * configuration in application.properties): the issuer in prod, for discovery and the token endpoint.
     */
    @WithDefault("'self'")
    String connectSrc();
}
