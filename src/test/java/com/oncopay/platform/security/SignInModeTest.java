package com.oncopay.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What /api/v1/sign-in tells the pages, from the dev sign-in switch and the configured issuer. */
class SignInModeTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // dev sign-in on: the picker, whatever the issuer
                Arguments.of(true, null, "dev", null),
                Arguments.of(true, "https://id.example/realms/x", "dev", null),
                // prod: the issuer (a trailing slash dropped, as discovery documents name it)
                Arguments.of(false, "https://id.example/realms/x", "oidc", "https://id.example/realms/x"),
                Arguments.of(false, "https://id.example/realms/x/", "oidc", "https://id.example/realms/x"),
                // neither: no way to sign in is offered
                Arguments.of(false, null, "none", null),
                Arguments.of(false, " ", "none", null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mode(boolean devLogin, String issuer, String mode, String answeredIssuer) {
        SignInConfig config = new SignInConfig() {
            @Override
            public Optional<String> issuer() {
                return Optional.ofNullable(issuer);
            }

            @Override
            public String clientId() {
                return "oncopay-pages";
            }

            @Override
            public String scope() {
                return "openid";
            }

            @Override
            public String connectSrc() {
                return "'self'";
            }
        };
        SignInResource.SignIn answer = SignInResource.of(config, devLogin);
        assertEquals(mode, answer.mode());
        assertEquals(answeredIssuer, answer.issuer());
        assertEquals("oidc".equals(mode) ? "oncopay-pages" : null, answer.clientId());
    }
}
