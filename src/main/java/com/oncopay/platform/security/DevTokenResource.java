package com.oncopay.platform.security;

import com.oncopay.platform.error.ProblemException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev sign-in for the pages: a token for a demo user, signed with the dev key pair. Only when
 * {@code oncopay.dev-login.enabled} is true (dev and test profiles), and only to a caller on this
 * host (loopback): anyone else gets 404, as in production.
 */
@jakarta.ws.rs.Path("/dev/token")
public class DevTokenResource {
    static final Set<String> ROLES =
            Set.of(Roles.MEMBER, Roles.PHARMACY, Roles.COORDINATOR, Roles.REVIEWER, Roles.ADMIN);

    public record Request(
            @NotNull @Pattern(regexp = "MEMBER|PHARMACY|COORDINATOR|REVIEWER|ADMIN")
            String role,

            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}")
            String subject) {}

    private final boolean enabled;
    private final String issuer;
    private final String keyLocation;
    private final String audience;

    public DevTokenResource(
            DevLoginConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience) {
        this.audience = audience.split(",")[0].strip();
        this.enabled = config.enabled();
        this.issuer = issuer;
        this.keyLocation = config.key();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> token(@Valid @NotNull Request r, @Context HttpServerRequest request)
            throws java.io.IOException, java.security.GeneralSecurityException {
        if (!enabled || !loopback(request)) throw ProblemException.notFound();
        JwtClaimsBuilder b = Jwt.issuer(issuer)
                .audience(audience)
                .subject(r.subject())
                .upn(r.subject())
                .groups(r.role())
                .expiresIn(Duration.ofHours(8));
        switch (r.role()) {
            case Roles.MEMBER -> b.claim(Roles.MEMBER_ID_CLAIM, r.subject());
            case Roles.PHARMACY -> b.claim(Roles.PHARMACY_ID_CLAIM, r.subject());
            case Roles.COORDINATOR -> b.claim(Roles.COORDINATOR_ID_CLAIM, r.subject());
            default -> {}
        }
        String pem = Files.readString(java.nio.file.Path.of(keyLocation));
        return Map.of(
                "token",
                b.sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(pem)),
                "role",
                r.role(),
                "subject",
                r.subject());
    }

    /** The connection's own peer (forwarded headers are not trusted here). */
    static boolean loopback(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        if (peer == null || peer.hostAddress() == null) return false;
        try {
            return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
