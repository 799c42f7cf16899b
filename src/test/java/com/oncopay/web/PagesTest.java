package com.oncopay.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

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
        String html = given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("特药直付"))
                .extract()
                .asString();
        Matcher m =
                Pattern.compile("src=\"(/static/bundle/main-[A-Z0-9]+\\.js)\"").matcher(html);
        Assertions.assertTrue(m.find(), html);
        given().when()
                .get(m.group(1))
                .then()
                .statusCode(200)
                .body(containsString("oncopay.token"))
                .body(containsString("/reviews/queue"))
                .body(containsString("drug-list"))
                .body(containsString("htmx"));
        // #23: the pages' one stylesheet, bundled with them: the red error banner and 44 px touch targets on a phone
        Matcher css = Pattern.compile("href=\"(/static/bundle/main-[A-Z0-9]+\\.css)\"")
                .matcher(html);
        Assertions.assertTrue(css.find(), html);
        given().when()
                .get(css.group(1))
                .then()
                .statusCode(200)
                .body(containsString(".banner.error"))
                .body(containsString("44px"));
    }

    @Test
    void in_the_test_profile_the_pages_sign_in_with_the_demo_picker() {
        given().when()
                .get("/api/v1/sign-in")
                .then()
                .statusCode(200)
                .body("mode", equalTo("dev"))
                .body("issuer", equalTo(null));
        given().when()
                .get("/dev-sign-in.html")
                .then()
                .statusCode(200)
                .body(containsString("id=\"sign-in-form\""))
                .body(containsString("DEMO-PH-BJ-01"));
        // the start page itself carries no picker: its script links the picker only when the engine says "dev"
        given().when().get("/").then().statusCode(200).body(not(containsString("sign-in-form")));
    }

    @Test
    void the_coordinator_console_is_served() {
        given().when()
                .get("/coordinator.html")
                .then()
                .statusCode(200)
                .body(containsString("援助用药协调"))
                .body(containsString("id=\"cases\""));
    }

    @Test
    void the_member_page_is_served() {
        given().when()
                .get("/member.html")
                .then()
                .statusCode(200)
                .body(containsString("我的特药"))
                .body(containsString("id=\"prescriptions\""));
    }

    @Test
    void the_counter_page_is_served() {
        given().when()
                .get("/counter.html")
                .then()
                .statusCode(200)
                .body(containsString("药店柜台"))
                .body(containsString("id=\"pickup-code\""));
    }

    /** 004: 「最新版本清单以官方网站公示为准」: the covered-drug list is a public page, linked from the start page. */
    @Test
    void the_public_drug_list_page_is_served_and_linked_from_the_start_page() {
        given().when()
                .get("/drugs.html")
                .then()
                .statusCode(200)
                .body(containsString("恶性肿瘤特定药品清单"))
                .body(containsString("最新版本清单以官方网站公示为准"))
                .body(containsString("id=\"drug-list\""))
                .body(containsString("id=\"drug-q\""));
        given().when().get("/").then().statusCode(200).body(containsString("href=\"/drugs.html\""));
    }

    @Test
    void the_reviewer_queue_page_is_served() {
        given().when()
                .get("/reviewer.html")
                .then()
                .statusCode(200)
                .body(containsString("处方审核队列"))
                .body(containsString("id=\"queue\""))
                .body(containsString("id=\"misuse-form\""));
    }

    @Test
    void every_page_is_served_with_a_script_policy_and_no_page_has_inline_script() {
        for (String page : new String[] {
            "/",
            "/member.html",
            "/counter.html",
            "/coordinator.html",
            "/reviewer.html",
            "/drugs.html",
            "/dev-sign-in.html"
        }) {
            String html = given().when()
                    .get(page)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .extract()
                    .asString();
            Assertions.assertFalse(
                    Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE)
                            .matcher(html)
                            .find(),
                    page + " has an inline handler");
            Assertions.assertFalse(
                    Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>")
                            .matcher(html)
                            .find(),
                    page + " has an inline script");
        }
    }

    @Test
    void api_answers_are_never_stored_by_a_browser_or_proxy() {
        String token = given().contentType("application/json")
                .body("{\"role\":\"MEMBER\",\"subject\":\"DEMO-M001\"}")
                .when()
                .post("/api/v1/dev/token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        given().header("Authorization", "Bearer " + token)
                .when()
                .get("/api/v1/members/DEMO-M001/prescriptions")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                // data, not a document: nothing loads or runs if it is opened as a page; never framed
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"));
        given().when()
                .get("/api/v1/members/DEMO-M001/prescriptions")
                .then()
                .statusCode(401)
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void page_scripts_never_write_html_strings() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/web/app"))) {
            for (var f : files.toList()) {
                String js = java.nio.file.Files.readString(f);
                for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"}) {
                    Assertions.assertFalse(js.contains(sink), f + " uses " + sink);
                }
            }
        }
    }

    @Test
    void dev_sign_in_gives_a_token_the_api_accepts() {
        String token = given().contentType("application/json")
                .body("{\"role\":\"PHARMACY\",\"subject\":\"DEMO-PH-BJ-01\"}")
                .when()
                .post("/api/v1/dev/token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        given().header("Authorization", "Bearer " + token)
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("pharmacyId", equalTo("DEMO-PH-BJ-01"));
        given().contentType("application/json")
                .body("{\"role\":\"ROOT\",\"subject\":\"x\"}")
                .when()
                .post("/api/v1/dev/token")
                .then()
                .statusCode(400);
    }
}
