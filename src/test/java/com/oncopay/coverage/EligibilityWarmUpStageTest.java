package com.oncopay.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.oncopay.platform.health.WarmUpRequests;
import com.oncopay.platform.security.WarmUpCallers;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #22: the start-up warm-up's eligibility checks take a cached answer's path. Against the real PostgreSQL and Redis, and
 * through the real endpoint: a made-up member's staged answer is served from Redis, then from the near cache, and is
 * gone once cleared; a member PostgreSQL has is never given one.
 */
@QuarkusTest
class EligibilityWarmUpStageTest {
    private static final Duration T = Duration.ofSeconds(10);

    @Inject
    EligibilityWarmUpStage stage;

    @Inject
    EligibilityService eligibility;

    @Inject
    WarmUpCallers callers;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Clock clock;

    @Test
    void a_made_up_member_is_answered_from_the_cache_until_cleared() {
        WarmUpCallers.Callers made = callers.admit(1, 0, Duration.ofMinutes(1));
        String member = made.memberIds().get(0),
                token = "Bearer " + made.memberTokens().get(0);
        try {
            stage.set(made).await().atMost(T);
            String url = "/api/v1/members/" + member + "/eligibility?drugId=" + WarmUpRequests.ELIGIBILITY_DRUG;
            given().header("Authorization", token)
                    .when()
                    .get(url)
                    .then()
                    .statusCode(200)
                    .header("X-Cache", "HIT")
                    .body("eligible", equalTo(true))
                    .body("policyNumber", equalTo("WARMUP"));
            given().header("Authorization", token)
                    .when()
                    .get(url)
                    .then()
                    .statusCode(200)
                    .header("X-Cache", "NEAR");

            stage.clear(made).await().atMost(T);
            assertEquals(0, keys(member), "nothing of the made-up member is left in Redis");
            // no answer kept anywhere: computed from PostgreSQL, which has no such member
            given().header("Authorization", token)
                    .when()
                    .get(url)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("MEMBER_NOT_FOUND"));
        } finally {
            stage.clear(made).await().atMost(T);
            callers.forget(made);
        }
    }

    @Test
    void a_member_postgresql_has_is_never_given_a_made_up_answer() {
        String real = "DEMO-M001";
        Map<String, String> before = snapshots(real);
        boolean staged = eligibility
                .stageMadeUp(real, WarmUpRequests.ELIGIBILITY_DRUG, LocalDate.now(clock))
                .await()
                .atMost(T);
        assertFalse(staged, "refused for a member PostgreSQL has");
        assertEquals(before, snapshots(real), "and nothing written for them");
    }

    private int keys(String member) {
        return redis.key()
                .exists(EligibilityCache.key(member), EligibilityCache.generationKey(member))
                .await()
                .atMost(T);
    }

    private Map<String, String> snapshots(String member) {
        return redis.hash(String.class)
                .hgetall(EligibilityCache.key(member))
                .await()
                .atMost(T);
    }
}
