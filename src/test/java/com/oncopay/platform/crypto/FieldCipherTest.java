package com.oncopay.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        byte[] sealed = cipher.encrypt("11010519491231002X", "member.id_number");
        assertEquals("11010519491231002X", cipher.decrypt(sealed, "member.id_number"));
    }

    @Test
    void two_encryptions_of_one_value_differ() {
        byte[] a = cipher.encrypt("11010519491231002X", "ctx");
        byte[] b = cipher.encrypt("11010519491231002X", "ctx");
        assertFalse(Arrays.equals(a, b));
        assertFalse(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1).contains("11010519491231002X"));
    }

    @Test
    void a_value_sealed_for_one_context_does_not_open_in_another() {
        byte[] sealed = cipher.encrypt("secret", "member.id_number");
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "diagnosis.icd10"));
    }

    @Test
    void a_tampered_value_does_not_open() {
        byte[] sealed = cipher.encrypt("secret", "ctx");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(sealed, "ctx"));
    }

    @Test
    void another_key_does_not_open_it() {
        byte[] sealed = cipher.encrypt("secret", "ctx");
        FieldCipher other = new FieldCipher(K3, K2, new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> other.decrypt(sealed, "ctx"));
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
}
