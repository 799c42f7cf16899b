package com.oncopay.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The dev token endpoint mints tokens for callers on this host only (issue 17). */
@QuarkusTest
class DevTokenLoopbackTest {
    static final String BODY = "{\"role\":\"ADMIN\",\"subject\":\"probe\"}";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!i.isUp() || i.isLoopback()) continue;
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Test
    void a_caller_from_the_network_gets_404_and_one_on_this_host_a_token() throws Exception {
        given().contentType("application/json")
                .body(BODY)
                .when()
                .post("http://127.0.0.1:" + port + "/api/v1/dev/token")
                .then()
                .statusCode(200);
        Optional<InetAddress> address = nonLoopbackAddress();
        assertTrue(address.isPresent(), "this test needs a non-loopback address to call from");
        given().contentType("application/json")
                .body(BODY)
                .when()
                .post("http://" + address.get().getHostAddress() + ":" + port + "/api/v1/dev/token")
                .then()
                .statusCode(404);
    }

    @Test
    void the_dev_profile_listens_on_loopback_unless_the_operator_opts_in() throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                "${ONCOPAY_HTTP_HOST:127.0.0.1}", p.getProperty("%dev.quarkus.http.host"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "${ONCOPAY_HTTP_HOST:127.0.0.1}", p.getProperty("%dev.quarkus.management.host"));
    }
}
