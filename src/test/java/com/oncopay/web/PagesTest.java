package com.oncopay.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The page shell: served by the engine with its bundled script (htmx + the API helper), and dev sign-in. */
@QuarkusTest
class PagesTest {

    @Test
    void the_start_page_is_served_with_its_bundle() {
        String html = given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("特药直付")).extract().asString();
        Matcher m = Pattern.compile("src=\"(/static/bundle/main-[A-Z0-9]+\\.js)\"").matcher(html);
        Assertions.assertTrue(m.find(), html);
        given().when().get(m.group(1)).then().statusCode(200).body(containsString("oncopay.token")).body(containsString("/reviews/queue"))
                .body(containsString("htmx"));
    }

    @Test
    void the_coordinator_console_is_served() {
        given().when().get("/coordinator.html").then().statusCode(200).body(containsString("援助用药协调")).body(containsString("id=\"cases\""));
    }

    @Test
    void the_member_page_is_served() {
        given().when().get("/member.html").then().statusCode(200).body(containsString("我的特药")).body(containsString("id=\"prescriptions\""));
    }

    @Test
    void the_counter_page_is_served() {
        given().when().get("/counter.html").then().statusCode(200).body(containsString("药店柜台")).body(containsString("id=\"pickup-code\""));
    }

    @Test
    void the_reviewer_queue_page_is_served() {
        given().when().get("/reviewer.html").then().statusCode(200).body(containsString("处方审核队列")).body(containsString("id=\"queue\""));
    }

    @Test
    void dev_sign_in_gives_a_token_the_api_accepts() {
        String token = given().contentType("application/json").body("{\"role\":\"PHARMACY\",\"subject\":\"DEMO-PH-BJ-01\"}")
                .when().post("/api/v1/dev/token").then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/me").then().statusCode(200)
                .body("pharmacyId", equalTo("DEMO-PH-BJ-01"));
        given().contentType("application/json").body("{\"role\":\"ROOT\",\"subject\":\"x\"}")
                .when().post("/api/v1/dev/token").then().statusCode(400);
    }
}
