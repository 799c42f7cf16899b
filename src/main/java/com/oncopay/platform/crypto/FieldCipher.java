package com.oncopay.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for sensitive fields (identity numbers, diagnoses, addresses): AES-256-GCM
 * with a fresh random 96-bit nonce per value, so two encryptions of one value differ; and a keyed
 * hash (HMAC-SHA256 under a separate key) for equality lookups without decrypting.
 *
 * <p>Ciphertext layout (version 2): {@code 2 | keyId(1) | nonce(12) | ciphertext+tag}. The
 * associated data binds it to its column ({@code context}), its row (the row's primary key) and
 * its key id, so a value copied into another column or another row does not decrypt. Several keys
 * can be held at once: new values use the active one, older ones still decrypt with theirs, and
 * {@link #needsReencryption} tells which to re-encrypt (KeyRotation). Version 1 values (no key id,
 * bound to the column only) still decrypt with any held key. Plain Java, no framework.
 */
public final class FieldCipher {
    private static final byte V1 = 1, V2 = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final int activeKeyId;
    private final Map<Integer, SecretKeySpec> keys;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random;

    /** One key (id 1), as before rotation. */
    public FieldCipher(byte[] encryptionKey, byte[] lookupKey, SecureRandom random) {
        this(1, Map.of(1, encryptionKey), lookupKey, random);
    }

    /** {@code keys} by id (1..255); new values are sealed with {@code activeKeyId}. */
    public FieldCipher(int activeKeyId, Map<Integer, byte[]> keys, byte[] lookupKey, SecureRandom random) {
        if (!keys.containsKey(activeKeyId))
            throw new IllegalArgumentException("the active key " + activeKeyId + " is not among the keys");
        if (lookupKey.length < 32) throw new IllegalArgumentException("lookup key must be at least 32 bytes");
        Map<Integer, SecretKeySpec> specs = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (id < 1 || id > 255) throw new IllegalArgumentException("key ids are 1..255");
            if (key.length != 32) throw new IllegalArgumentException("field encryption key must be 32 bytes");
            if (java.util.Arrays.equals(key, lookupKey))
                throw new IllegalArgumentException("encryption and lookup keys must differ");
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        this.activeKeyId = activeKeyId;
        this.keys = Map.copyOf(specs);
        this.lookupKey = new SecretKeySpec(lookupKey.clone(), "HmacSHA256");
        this.random = random;
    }

    public static FieldCipher fromBase64(String encryptionKey, String lookupKey) {
        return new FieldCipher(
                Base64.getDecoder().decode(encryptionKey.trim()),
                Base64.getDecoder().decode(lookupKey.trim()),
                new SecureRandom());
    }

    /**
     * The active key {@code activeKeyId} and older ones still held for decryption, as
     * {@code id:base64,id:base64} (empty for none).
     */
    public static FieldCipher fromBase64(int activeKeyId, String activeKey, String previousKeys, String lookupKey) {
        Map<Integer, byte[]> keys = new HashMap<>();
        keys.put(activeKeyId, Base64.getDecoder().decode(activeKey.trim()));
        if (previousKeys != null) {
            for (String entry : previousKeys.split(",")) {
                if (entry.isBlank()) continue;
                String[] idAndKey = entry.strip().split(":", 2);
                if (idAndKey.length != 2)
                    throw new IllegalArgumentException("previous keys are id:base64, comma-separated");
                int id = Integer.parseInt(idAndKey[0].strip());
                if (id == activeKeyId)
                    throw new IllegalArgumentException("key id " + id + " is both active and previous");
                keys.put(id, Base64.getDecoder().decode(idAndKey[1].strip()));
            }
        }
        return new FieldCipher(activeKeyId, keys, Base64.getDecoder().decode(lookupKey.trim()), new SecureRandom());
    }

    public int activeKeyId() {
        return activeKeyId;
    }

    /** Seals {@code plaintext} for one column ({@code context}) of one row ({@code rowKey}, its primary key). */
    public byte[] encrypt(String plaintext, String context, String rowKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(context, rowKey, activeKeyId));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + NONCE_BYTES + ct.length)
                    .put(V2)
                    .put((byte) activeKeyId)
                    .put(nonce)
                    .put(ct)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] sealed, String context, String rowKey) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8)
            throw new IllegalArgumentException("not a sealed field value");
        if (sealed[0] == V2) {
            int keyId = sealed[1] & 0xFF;
            SecretKeySpec key = keys.get(keyId);
            if (key == null) throw new IllegalArgumentException("sealed with key " + keyId + ", which is not held");
            return open(key, sealed, 2, aad(context, rowKey, keyId));
        }
        if (sealed[0] == V1) {
            // before key ids: bound to the column only, sealed with whichever key was the one then
            for (SecretKeySpec key : keys.values()) {
                try {
                    return open(key, sealed, 1, context.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException wrongKey) {
                    // try the next one
                }
            }
            throw new IllegalArgumentException("sealed value does not authenticate");
        }
        throw new IllegalArgumentException("not a sealed field value");
    }

    /** Whether a stored value should be sealed again: an older format or another key than the active one. */
    public boolean needsReencryption(byte[] sealed) {
        return sealed != null && (sealed[0] != V2 || (sealed[1] & 0xFF) != activeKeyId);
    }

    private static String open(SecretKeySpec key, byte[] sealed, int nonceAt, byte[] aad) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, nonceAt, NONCE_BYTES));
            c.updateAAD(aad);
            byte[] pt = c.doFinal(sealed, nonceAt + NONCE_BYTES, sealed.length - nonceAt - NONCE_BYTES);
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value does not authenticate", e);
        }
    }

    private static byte[] aad(String context, String rowKey, int keyId) {
        return (context + "\u0000" + rowKey + "\u0000" + keyId).getBytes(StandardCharsets.UTF_8);
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
