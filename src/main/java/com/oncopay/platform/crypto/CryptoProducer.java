package com.oncopay.platform.crypto;

import com.oncopay.platform.config.PlatformConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the {@link FieldCipher} from configuration (a Kubernetes Secret in production). */
public class CryptoProducer {
    @Produces
    @Singleton
    FieldCipher fieldCipher(PlatformConfig config) {
        return FieldCipher.fromBase64(
                config.crypto().fieldKeyId(),
                config.crypto().fieldKey(),
                config.crypto().previousFieldKeys().orElse(""),
                config.crypto().lookupKey());
    }
}
