package com.oncopay.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine runs Vert.x on Netty's epoll transport where it ships the library for (#22). */
@QuarkusTest
class NativeTransportTest {
    @Inject
    Vertx vertx;

    @Test
    void on_linux_x86_64_and_aarch64_vertx_runs_on_epoll() {
        assumeTrue(
                TransportReport.expectsNative(System.getProperty("os.name"), System.getProperty("os.arch")),
                "no native transport is shipped for this platform");
        assertTrue(
                vertx.isNativeTransportEnabled(),
                () -> "Vert.x fell back to NIO: " + vertx.unavailableNativeTransportCause());
    }

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, true",
        "Linux, aarch64, true",
        "Linux, x86_64, true",
        "Linux, riscv64, false",
        "Mac OS X, aarch64, false",
        "Windows 11, amd64, false",
    })
    void the_platforms_the_engine_ships_epoll_for(String os, String arch, boolean expected) {
        assertEquals(expected, TransportReport.expectsNative(os, arch));
    }
}
