package com.oncopay.platform.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * In the prod profile, refuses to start with a dev secret or a password-less database user ({@link ProdSafety}),
 * without a key to verify tokens with, or with dev sign-in on.
 */
@ApplicationScoped
public class ProdSafetyCheck {
    private final Config config;

    public ProdSafetyCheck(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!ConfigUtils.getProfiles().contains("prod")) return;
        List<String> problems = ProdSafety.problems(
                jwtPublicKey(),
                value("oncopay.crypto.field-key").orElse(null),
                value("oncopay.crypto.lookup-key").orElse(null),
                value("quarkus.datasource.password").orElse(null));
        problems = new java.util.ArrayList<>(problems);
        if (value("mp.jwt.verify.publickey").isEmpty()
                && value("mp.jwt.verify.publickey.location").isEmpty())
            problems.add("no key to verify tokens with (ONCOPAY_JWT_JWKS_URL)");
        if (config.getOptionalValue("oncopay.dev-login.enabled", Boolean.class).orElse(false))
            problems.add("dev sign-in (oncopay.dev-login.enabled) is on: anyone on the host could sign any token");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile: " + String.join("; ", problems));
        }
    }

    private String jwtPublicKey() {
        Optional<String> inline = value("mp.jwt.verify.publickey");
        if (inline.isPresent()) return inline.get();
        return value("mp.jwt.verify.publickey.location")
                .map(l -> {
                    try {
                        Path p = Path.of(l.replaceFirst("^file:", ""));
                        return Files.exists(p) ? Files.readString(p) : null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(null);
    }

    private Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class);
    }
}
