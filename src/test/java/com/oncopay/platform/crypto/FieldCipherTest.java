package com.oncopay.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private static final byte[] K1 = filled(1), K2 = filled(2), K3 = filled(3);
    private final FieldCipher cipher = new FieldCipher(K1, K2, new SecureRandom());

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void a_value_round_trips() {
        byte[] sealed = cipher.encrypt("11010519491231002X", "member.id_number", "M-1");
        assertEquals("11010519491231002X", cipher.decrypt(sealed, "member.id_number", "M-1"));
    }

    @Test
    void two_encryptions_of_one_value_differ() {
        byte[] a = cipher.encrypt("11010519491231002X", "ctx", "r");
        byte[] b = cipher.encrypt("11010519491231002X", "ctx", "r");
        assertFalse(Arrays.equals(a, b));
        assertFalse(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1).contains("11010519491231002X"));
    }

    @Test
    void a_value_sealed_for_one_context_does_not_open_in_another() {
        byte[] sealed = cipher.encrypt("secret", "member.id_number", "M-1");
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "diagnosis.icd10", "M-1"));
    }

    @Test
    void a_tampered_value_does_not_open() {
        byte[] sealed = cipher.encrypt("secret", "ctx", "r");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "ctx", "r"));
    }

    @Test
    void another_key_does_not_open_it() {
        byte[] sealed = cipher.encrypt("secret", "ctx", "r");
        FieldCipher other = new FieldCipher(K3, K2, new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> other.decrypt(sealed, "ctx", "r"));
    }

    @Test
    void the_lookup_hash_is_deterministic_keyed_and_separated_by_purpose() {
        assertArrayEquals(cipher.lookupHash("id", "110105"), cipher.lookupHash("id", "110105"));
        assertFalse(Arrays.equals(cipher.lookupHash("id", "110105"), cipher.lookupHash("code", "110105")));
        FieldCipher otherKey = new FieldCipher(K1, K3, new SecureRandom());
        assertFalse(Arrays.equals(cipher.lookupHash("id", "110105"), otherKey.lookupHash("id", "110105")));
    }

    @Test
    void keys_are_checked() {
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(new byte[16], K2, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(K1, K1, new SecureRandom()));
    }

    @Test
    void a_value_copied_to_another_row_does_not_open() {
        byte[] sealed = cipher.encrypt("110105196804120316", "member.id_number", "M-1");
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "member.id_number", "M-2"));
    }

    @Test
    void after_a_rotation_old_values_still_open_and_are_marked_for_re_encryption() {
        FieldCipher before = new FieldCipher(1, java.util.Map.of(1, K1), K2, new SecureRandom());
        byte[] old = before.encrypt("C34.9", "diagnosis.icd10", "d-1");
        FieldCipher after = new FieldCipher(2, java.util.Map.of(1, K1, 2, K3), K2, new SecureRandom());
        assertEquals("C34.9", after.decrypt(old, "diagnosis.icd10", "d-1"));
        assertTrue(after.needsReencryption(old));
        byte[] fresh = after.encrypt("C34.9", "diagnosis.icd10", "d-1");
        assertFalse(after.needsReencryption(fresh));
        assertEquals(2, fresh[1]);
        FieldCipher onlyNew = new FieldCipher(2, java.util.Map.of(2, K3), K2, new SecureRandom());
        assertEquals("C34.9", onlyNew.decrypt(fresh, "diagnosis.icd10", "d-1"));
        assertThrows(
                IllegalArgumentException.class,
                () -> onlyNew.decrypt(old, "diagnosis.icd10", "d-1"),
                "the old key is gone");
    }

    @Test
    void a_version_1_value_from_before_row_binding_still_opens() {
        byte[] v1 = com.oncopay.support.LegacyCiphertext.v1(K1, "11010519491231002X", "member.id_number");
        assertEquals("11010519491231002X", cipher.decrypt(v1, "member.id_number", "any-row"));
        assertTrue(cipher.needsReencryption(v1));
    }

    @Test
    void previous_keys_are_read_from_configuration() {
        String k1 = java.util.Base64.getEncoder().encodeToString(K1),
                k3 = java.util.Base64.getEncoder().encodeToString(K3);
        FieldCipher configured = FieldCipher.fromBase64(
                2, k3, "1:" + k1, java.util.Base64.getEncoder().encodeToString(K2));
        byte[] old = new FieldCipher(1, java.util.Map.of(1, K1), K2, new SecureRandom()).encrypt("x", "ctx", "r");
        assertEquals("x", configured.decrypt(old, "ctx", "r"));
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldCipher.fromBase64(
                        2, k3, "2:" + k1, java.util.Base64.getEncoder().encodeToString(K2)));
    }
}
