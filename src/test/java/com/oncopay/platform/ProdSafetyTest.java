package com.oncopay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.platform.config.ProdSafety;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The prod profile refuses the committed dev secrets and a password-less database user (issue 17). */
class ProdSafetyTest {
    static final String REAL_KEY =
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsomethingelse\n-----END PUBLIC KEY-----\n";

    @Test
    void the_committed_dev_secrets_are_recognised_as_they_are_in_the_repository() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        String devPublicKey = Files.readString(Path.of("config/dev-keys/publicKey.pem"));
        List<String> problems = ProdSafety.problems(
                devPublicKey,
                p.getProperty("%dev.oncopay.crypto.field-key"),
                p.getProperty("%dev.oncopay.crypto.lookup-key"),
                "");
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(
                4,
                ProdSafety.problems(
                                devPublicKey.replace("\n", "\r\n"),
                                p.getProperty("%test.oncopay.crypto.field-key"),
                                p.getProperty("%test.oncopay.crypto.lookup-key"),
                                null)
                        .size(),
                "also with other line ends, and the test keys");
    }

    @Test
    void real_secrets_pass() {
        assertEquals(
                List.of(),
                ProdSafety.problems(
                        REAL_KEY,
                        "q5u4s6Vw0cZ3Z2Yk1hF5m8n9p0r1t2v3w4x5y6z7A8B=",
                        "Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1enF1dXo=",
                        "s3cret"));
        assertEquals(List.of(), ProdSafety.problems(null, "a", "b", "c"));
    }

    @Test
    void each_one_alone_is_refused() {
        assertEquals(
                1,
                ProdSafety.problems(REAL_KEY, ProdSafety.DEV_FIELD_KEY, "x", "p")
                        .size());
        assertEquals(
                1,
                ProdSafety.problems(REAL_KEY, "x", ProdSafety.DEV_LOOKUP_KEY, "p")
                        .size());
        assertEquals(1, ProdSafety.problems(REAL_KEY, "x", "y", " ").size());
    }
}
