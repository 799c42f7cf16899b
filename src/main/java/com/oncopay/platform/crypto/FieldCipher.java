package com.oncopay.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for sensitive fields (identity numbers, diagnoses): AES-256-GCM with
 * a fresh random 96-bit nonce per value, so two encryptions of one value differ; and a
 * keyed hash (HMAC-SHA256 under a separate key) for equality lookups without decrypting.
 *
 * <p>Ciphertext layout: {@code version(1) | nonce(12) | ciphertext+tag}. The optional
 * associated data binds a ciphertext to its context (e.g. the column), so a value copied
 * into another column does not decrypt. Plain Java, no framework.
 */
public final class FieldCipher {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random;

    public FieldCipher(byte[] encryptionKey, byte[] lookupKey, SecureRandom random) {
        if (encryptionKey.length != 32) throw new IllegalArgumentException("field encryption key must be 32 bytes");
        if (lookupKey.length < 32) throw new IllegalArgumentException("lookup key must be at least 32 bytes");
        if (java.util.Arrays.equals(encryptionKey, lookupKey)) throw new IllegalArgumentException("encryption and lookup keys must differ");
        this.encryptionKey = new SecretKeySpec(encryptionKey.clone(), "AES");
        this.lookupKey = new SecretKeySpec(lookupKey.clone(), "HmacSHA256");
        this.random = random;
    }

    public static FieldCipher fromBase64(String encryptionKey, String lookupKey) {
        return new FieldCipher(Base64.getDecoder().decode(encryptionKey.trim()), Base64.getDecoder().decode(lookupKey.trim()), new SecureRandom());
    }

    public byte[] encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + ct.length).put(VERSION).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed field value");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] pt = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value does not authenticate", e);
        }
    }

    /** Deterministic keyed hash for lookups; {@code purpose} separates hash spaces (id numbers, pickup codes, ...). */
    public byte[] lookupHash(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed hash failed", e);
        }
    }
}
