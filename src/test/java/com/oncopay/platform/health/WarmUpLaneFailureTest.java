package com.oncopay.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * #22: a lane whose round fails ends there (each round after it would wait as long, and with the relay's lane, the
 * relay's real events with it), and the warm-up goes on with its requests to its end, then says it is ready.
 */
@QuarkusTest
@TestProfile(WarmUpLaneFailureTest.FailingLaneOn.class)
class WarmUpLaneFailureTest {
    public static class FailingLaneOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oncopay.warm-up.duration", "3S",
                    "oncopay.warm-up.max-duration", "3S",
                    "oncopay.warm-up.concurrency", "2");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingLane.class);
        }
    }

    /** Two rounds that succeed, then one that fails; any later round is counted, as it must not happen. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class FailingLane implements WarmUpLane {
        private final AtomicInteger rounds = new AtomicInteger();

        /** How many rounds it was asked for (a method: the injected reference is a proxy, whose fields are its own). */
        public int rounds() {
            return rounds.get();
        }

        @Override
        public Uni<Void> round() {
            return rounds.incrementAndGet() < 3
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new IllegalStateException("the broker is away"));
        }
    }

    @jakarta.inject.Inject
    FailingLane lane;

    @Test
    void a_failed_round_ends_its_lane_and_the_warm_up_goes_on_to_its_end() throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.currentTimeMillis() < deadline)
            Thread.sleep(100);
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.laneRounds", equalTo(2))
                .body("checks.find { it.name == 'warm-up' }.data.seconds", greaterThanOrEqualTo(3));
        assertEquals(3, lane.rounds(), "no round after the failed one");
    }
}
