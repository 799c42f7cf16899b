package com.oncopay.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in for real deployments (#23), end to end: a real Keycloak (scripts/keycloak-up, realm
 * config/keycloak/oncopay-realm.json) and the packaged engine in the prod profile, configured by
 * environment to verify that issuer's tokens from its JWKS. Debian's Chromium signs in through
 * Keycloak's own login form (authorization code + PKCE, e2e/oidc.mjs) and uses the pages with the
 * token; the tokens it got are then checked here against the API: roles and scoping ids mapped from
 * the realm, a wrong role refused, and the dev sign-in absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSignInIT {
    static final Path DIR = Path.of("target", "oidc-it");
    static final int PORT = Integer.getInteger("oncopay.oidc-it.port", 18115);
    static final int MANAGEMENT_PORT = Integer.getInteger("oncopay.oidc-it.management-port", 19115);
    static final int KEYCLOAK_PORT = Integer.getInteger("oncopay.oidc-it.keycloak-port", 18180);

    static LocalKeycloak keycloak;
    static PackagedEngine engine;
    static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        String base = "http://localhost:" + PORT;
        keycloak = LocalKeycloak.start(KEYCLOAK_PORT, base, DIR);
        // the engine starts meanwhile: it reads the issuer's keys on the first token it sees
        engine = PackagedEngine.start(
                PORT,
                MANAGEMENT_PORT,
                Map.of(
                        "ONCOPAY_JWT_ISSUER", keycloak.issuer(),
                        "ONCOPAY_JWT_JWKS_URL", keycloak.jwks(),
                        "ONCOPAY_OIDC_CLIENT_ID", "oncopay-pages"),
                DIR);
        keycloak.awaitReady();
        System.out.printf(
                "[oidc-it] Keycloak and the engine ready in %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) engine.close();
        if (keycloak != null) keycloak.close();
    }

    @Test
    @Order(1)
    void the_pages_are_told_to_sign_in_at_the_issuer_and_the_demo_picker_is_neither_served_nor_linked() {
        given().get(engine.base() + "/api/v1/sign-in")
                .then()
                .statusCode(200)
                .body("mode", equalTo("oidc"))
                .body("issuer", equalTo(keycloak.issuer()))
                .body("clientId", equalTo("oncopay-pages"));
        given().get(engine.base() + "/dev-sign-in.html").then().statusCode(404);
        given().contentType("application/json")
                .body("{\"role\":\"ADMIN\",\"subject\":\"x\"}")
                .post(engine.base() + "/api/v1/dev/token")
                .then()
                .statusCode(404);
        given().get(engine.base() + "/")
                .then()
                .statusCode(200)
                .body(not(containsString("dev-sign-in")))
                .body(not(containsString("sign-in-form")))
                // the pages may call the issuer (discovery, token endpoint), and nothing else outside
                .header("Content-Security-Policy", containsString("connect-src 'self' " + keycloak.issuer() + "/;"));
    }

    @Test
    @Order(2)
    void users_sign_in_through_the_keycloak_login_form_and_use_their_pages() throws Exception {
        Files.createDirectories(DIR.resolve("screenshots"));
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/oidc.mjs").redirectErrorStream(true);
        pb.environment().put("BASE_URL", engine.base());
        pb.environment().put("ISSUER", keycloak.issuer());
        pb.environment().put("SCREENSHOT_DIR", DIR.resolve("screenshots").toString());
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "e2e/oidc.mjs did not finish in 180 s:\n" + out);
        assertEquals(0, p.exitValue(), "e2e/oidc.mjs failed (screenshots in " + DIR + "):\n" + out);
        assertTrue(out.contains("PASS oidc"), out);
        Matcher m = Pattern.compile("^TOKEN (\\S+) (\\S+)$", Pattern.MULTILINE).matcher(out);
        while (m.find()) tokens.put(m.group(1), m.group(2));
        assertTrue(tokens.keySet().containsAll(java.util.Set.of("pharmacy", "member")), out);
    }

    @Test
    @Order(3)
    void roles_and_scoping_ids_come_from_the_issuers_token() {
        given().auth()
                .oauth2(tokens.get("pharmacy"))
                .get(engine.base() + "/api/v1/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("PHARMACY"))
                .body("roles", not(hasItem("ADMIN")))
                .body("pharmacyId", equalTo("DEMO-PH-BJ-01"))
                .body("subject", equalTo("pharmacist-bj01"));
        given().auth()
                .oauth2(tokens.get("member"))
                .get(engine.base() + "/api/v1/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("MEMBER"))
                .body("memberId", equalTo("DEMO-M001"))
                .body("pharmacyId", equalTo(null));
        given().auth()
                .oauth2(tokens.get("member"))
                .get(engine.base() + "/api/v1/members/DEMO-M001/prescriptions")
                .then()
                .statusCode(200);
    }

    @Test
    @Order(4)
    void a_wrong_role_or_another_members_data_is_refused() {
        given().auth()
                .oauth2(tokens.get("member"))
                .get(engine.base() + "/api/v1/reviews/queue")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(tokens.get("member"))
                .get(engine.base() + "/api/v1/members/DEMO-M004/prescriptions")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(tokens.get("pharmacy"))
                .get(engine.base() + "/api/v1/members/DEMO-M001/prescriptions")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(5)
    void tokens_of_another_issuer_or_key_are_refused() throws Exception {
        // the committed dev key signs a perfect ADMIN token for this issuer: not the issuer's key, so 401
        String pem = Files.readString(Path.of("config", "dev-keys", "privateKey.pem"));
        String forged = Jwt.issuer(keycloak.issuer())
                .audience("oncopay-engine")
                .subject("intruder")
                .upn("intruder")
                .groups("ADMIN")
                .expiresIn(Duration.ofMinutes(5))
                .sign(KeyUtils.decodePrivateKey(pem));
        given().auth().oauth2(forged).get(engine.base() + "/api/v1/me").then().statusCode(401);
        given().get(engine.base() + "/api/v1/me").then().statusCode(401);
    }
}
