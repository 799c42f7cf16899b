package com.oncopay.platform.crypto;

import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Field-key rotation: after a new active key is configured, re-encrypts what older keys sealed (README, "Security model"). */
@Path("/admin/field-keys/re-encryption")
@Tag(name = "Operations")
public class KeyRotationResource {
    private final KeyRotation rotation;
    private final FieldCipher cipher;
    private final CurrentCaller caller;

    public KeyRotationResource(KeyRotation rotation, FieldCipher cipher, CurrentCaller caller) {
        this.rotation = rotation;
        this.cipher = cipher;
        this.caller = caller;
    }

    public record Result(int activeKeyId, Map<String, Integer> reencrypted) {}

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Result> reencrypt() {
        return rotation.reencryptAll(caller.get()).map(done -> new Result(cipher.activeKeyId(), done));
    }
}
