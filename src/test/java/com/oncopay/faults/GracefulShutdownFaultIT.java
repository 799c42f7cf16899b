package com.oncopay.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * #21 item 3: SIGTERM to the packaged engine with the pre-shutdown delay on (3 s here, 5 s by default). During the
 * delay readiness is DOWN (the load balancer stops sending) while requests are still answered; the SSE streams get
 * their final comment at the start of the delay, not after it and not at the shutdown timeout; then the process
 * ends. The k8s preStop hook sleeps before the SIGTERM (k8s/deployment.yaml), the delay comes after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownFaultIT {
    static final String PHARMACY = "DEMO-PH-BJ-01";
    static final long DELAY_MS = 3_000;

    EngineProcess engine;

    @AfterAll
    void stop() {
        if (engine != null) engine.kill();
        SharedServices.closeDb();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void readiness_goes_down_and_streams_are_told_first_while_requests_are_still_answered() throws Exception {
        SharedServices.freshStart();
        engine = EngineProcess.start(
                "graceful", SharedServices.env(), SharedServices.props("-Dquarkus.shutdown.delay=" + DELAY_MS + "ms"));
        assertEquals(200, engine.health("ready"));
        String token = ScenarioTokens.pharmacyAs(PHARMACY, "fb-graceful-" + UUID.randomUUID());
        DispatchStreamReader stream = new DispatchStreamReader(engine.baseUrl(), PHARMACY, 0);
        assertTrue(stream.awaitOpen(10_000), "the SSE stream did not open");

        long sigterm = System.currentTimeMillis();
        engine.terminate();

        long readyDownAt = -1;
        int duringDelay = -1;
        long answeredAt = -1;
        while (System.currentTimeMillis() < sigterm + DELAY_MS - 500) {
            if (readyDownAt < 0 && engine.health("ready") == 503) readyDownAt = System.currentTimeMillis();
            if (readyDownAt > 0 && duringDelay < 0) {
                duringDelay = ScenarioApi.get(
                                engine.baseUrl(), "/api/v1/pharmacies/" + PHARMACY + "/redemptions", token)
                        .status();
                answeredAt = System.currentTimeMillis();
            }
            EngineProcess.sleep(50);
        }
        assertTrue(readyDownAt > 0, "readiness was not DOWN during the delay");
        assertTrue(readyDownAt - sigterm < 1_500, "readiness DOWN only " + (readyDownAt - sigterm) + " ms after");
        assertEquals(200, duringDelay, "a request sent during the delay (the balancer may still route one)");

        assertTrue(stream.awaitEnd(DELAY_MS + 10_000), "the SSE stream was not ended");
        assertTrue(
                stream.comments().contains(":shutting down, reconnect with Last-Event-ID"),
                stream.comments()::toString);
        long streamEndedAfter = stream.endedAtMs() - sigterm;
        assertTrue(
                streamEndedAfter < DELAY_MS,
                "the stream was ended " + streamEndedAfter + " ms after SIGTERM: not at the start of the delay");

        assertTrue(engine.awaitExit(DELAY_MS + 25_000), "the engine did not exit");
        long exitedAfter = System.currentTimeMillis() - sigterm;
        stream.close();
        assertTrue(exitedAfter >= DELAY_MS, "the engine exited before its delay: " + exitedAfter + " ms");
        SharedServices.report(
                "graceful-shutdown",
                String.format(
                        "SIGTERM with a %d ms delay: readiness 503 after %d ms, a request during the delay %d (at +%d"
                                + " ms), SSE final comment and end after %d ms, process gone after %d ms",
                        DELAY_MS,
                        readyDownAt - sigterm,
                        duringDelay,
                        answeredAt - sigterm,
                        streamEndedAfter,
                        exitedAfter));
    }
}
