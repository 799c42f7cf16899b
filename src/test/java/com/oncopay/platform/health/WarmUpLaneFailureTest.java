package com.oncopay.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #22: a lane whose round fails ends there, and the warm-up goes on with its requests to its end, then says it is
 * ready. The relay's lane is given a topic Kafka refuses (a name with a space), as a broker that does not let the
 * engine create its warm-up topic would: each round after the failed one would wait as long, and the relay's real
 * events with it.
 */
@QuarkusTest
@TestProfile(WarmUpLaneFailureTest.RefusedTopic.class)
class WarmUpLaneFailureTest {
    public static class RefusedTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "oncopay.warm-up.duration", "3S",
                    "oncopay.warm-up.max-duration", "3S",
                    "oncopay.warm-up.concurrency", "2",
                    "oncopay.dispatch.warm-up-topic", "no such topic",
                    "mp.messaging.incoming.dispatch-in.topics", "dispatch-events");
        }
    }

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
                .body("checks.find { it.name == 'warm-up' }.data.laneRounds", equalTo(0))
                .body("checks.find { it.name == 'warm-up' }.data.lanesStopped", equalTo(1))
                .body("checks.find { it.name == 'warm-up' }.data.seconds", greaterThanOrEqualTo(3));
    }
}
