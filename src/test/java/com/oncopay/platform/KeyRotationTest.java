package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.support.Fixtures;
import com.oncopay.support.LegacyCiphertext;
import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field-key rotation with no downtime (issue 17): the engine runs with a new active key (2) and the
 * old one (1) held for reading; values sealed with the old key, and in the format from before row
 * binding, are re-encrypted in batches through the API while it serves; afterwards the new key alone
 * opens everything.
 */
@QuarkusTest
@org.junit.jupiter.api.Order(
        Integer.MAX_VALUE - 2) // test profiles restart the application: they run after all default-profile classes
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {
    static final String OLD_KEY = "hNPTnERRYOg7V1xvalOhTsJTJhFTLkPdNWgFMTiDOEU="; // the test profile's usual key
    static final String NEW_KEY = Base64.getEncoder().encodeToString("a-new-32-byte-field-key-for-test".getBytes());
    static final String LOOKUP = "+gZcXtgY2wuYYee3H8LB+QDIqGtfEdQ1BcuNjC+h2T4=";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oncopay.crypto.field-key",
                    NEW_KEY,
                    "oncopay.crypto.field-key-id",
                    "2",
                    "oncopay.crypto.previous-field-keys",
                    "1:" + OLD_KEY);
        }
    }

    @Inject
    Pool pool;

    @Test
    void values_sealed_with_the_old_key_are_re_encrypted_in_batches_and_then_the_new_key_alone_opens_them() {
        FieldCipher old = FieldCipher.fromBase64(1, OLD_KEY, "", LOOKUP);
        var m = Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C34.9", "2026-05-01");
        // as if written before the rotation: the identity number under key 1, the diagnosis in the format from before
        // row binding
        pool.preparedQuery("update member set id_number_enc = $2 where member_id = $1")
                .execute(Tuple.of(
                        m.memberId(), Buffer.buffer(old.encrypt(m.idNumber(), "member.id_number", m.memberId()))))
                .await()
                .indefinitely();
        pool.preparedQuery("update diagnosis set icd10_enc = $2 where member_id = $1")
                .execute(Tuple.of(
                        m.memberId(),
                        Buffer.buffer(
                                LegacyCiphertext.v1(Base64.getDecoder().decode(OLD_KEY), "C34.9", "diagnosis.icd10"))))
                .await()
                .indefinitely();
        // the engine reads both meanwhile
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/policies/" + m.policyNumber())
                .then()
                .statusCode(200)
                .body("member.idNumber", equalTo("**************" + m.idNumber().substring(14)));
        given().header("Authorization", TestTokens.bearer(TestTokens.reviewer()))
                .when()
                .get("/api/v1/members/" + m.memberId() + "/eligibility?drugId=D001&on=2026-11-23")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(true));

        var result = given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .when()
                .post("/api/v1/admin/field-keys/re-encryption")
                .then()
                .statusCode(200)
                .body("activeKeyId", equalTo(2))
                .extract()
                .jsonPath();
        assertTrue(result.getInt("reencrypted.'member.id_number_enc'") >= 1);
        assertTrue(result.getInt("reencrypted.'diagnosis.icd10_enc'") >= 1);
        given().header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .when()
                .post("/api/v1/admin/field-keys/re-encryption")
                .then()
                .statusCode(200)
                .body("reencrypted.'member.id_number_enc'", equalTo(0)); // nothing left: idempotent

        FieldCipher onlyNew = FieldCipher.fromBase64(2, NEW_KEY, "", LOOKUP);
        for (Row r : pool.query("select member_id, id_number_enc from member")
                .execute()
                .await()
                .indefinitely()) {
            onlyNew.decrypt(r.getBuffer("id_number_enc").getBytes(), "member.id_number", r.getString("member_id"));
        }
        for (Row r : pool.query("select id::text as id, icd10_enc from diagnosis")
                .execute()
                .await()
                .indefinitely()) {
            onlyNew.decrypt(r.getBuffer("icd10_enc").getBytes(), "diagnosis.icd10", r.getString("id"));
        }
        assertEquals(
                0L,
                pool.query(
                                "select count(*) from fulfilment where address_enc is not null and get_byte(address_enc, 1) <> 2")
                        .execute()
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0));
        assertTrue(
                pool.query("select count(*) from audit_log where action = 'FIELDS_REENCRYPTED'")
                                .execute()
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getLong(0)
                        >= 1,
                "the rotation is audited");
    }
}
