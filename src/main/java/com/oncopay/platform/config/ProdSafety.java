package com.oncopay.platform.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the prod profile refuses to start with: the committed dev secrets (they are in the public
 * repository, so anyone could sign an ADMIN token or decrypt identity numbers with them) and a
 * database user without a password.
 */
public final class ProdSafety {
    private ProdSafety() {}

    /** SHA-256 of the base64 body of config/dev-keys/publicKey.pem. */
    public static final String DEV_JWT_PUBLIC_KEY_SHA256 =
            "9cb114cd139de55eebb7a7e6c47d7149ee63c2e43f5870bdab5bf3438ef8b349";
    /** The dev and test profiles' field and lookup keys, as committed in application.properties. */
    public static final String DEV_FIELD_KEY = "hNPTnERRYOg7V1xvalOhTsJTJhFTLkPdNWgFMTiDOEU=";

    public static final String DEV_LOOKUP_KEY = "+gZcXtgY2wuYYee3H8LB+QDIqGtfEdQ1BcuNjC+h2T4=";

    /** Every reason to refuse, empty when none. {@code jwtPublicKey} is the PEM (or its base64 body), null when none is configured. */
    public static List<String> problems(String jwtPublicKey, String fieldKey, String lookupKey, String dbPassword) {
        List<String> out = new ArrayList<>();
        if (jwtPublicKey != null && DEV_JWT_PUBLIC_KEY_SHA256.equals(fingerprint(jwtPublicKey))) {
            out.add("the JWT public key is the committed dev key (config/dev-keys): anyone can sign tokens for it");
        }
        if (DEV_FIELD_KEY.equals(strip(fieldKey))) out.add("ONCOPAY_FIELD_KEY is the committed dev field key");
        if (DEV_LOOKUP_KEY.equals(strip(lookupKey))) out.add("ONCOPAY_LOOKUP_KEY is the committed dev lookup key");
        if (dbPassword == null || dbPassword.isBlank())
            out.add("the database user has an empty password (ONCOPAY_DB_PASSWORD)");
        return out;
    }

    /** SHA-256 of a PEM's base64 body, headers and whitespace removed. */
    public static String fingerprint(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
