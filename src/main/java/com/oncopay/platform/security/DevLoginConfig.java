package com.oncopay.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dev sign-in for the pages (prefix {@code oncopay.dev-login}); never enabled in production. */
@ConfigMapping(prefix = "oncopay.dev-login")
public interface DevLoginConfig {
    @WithDefault("false")
    boolean enabled();

    /** The dev private key (PEM) tokens are signed with. */
    @WithDefault("config/dev-keys/privateKey.pem")
    String key();
}
