package com.oncopay.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogResourceTest {
    @Inject
    Pool pool;

    @Inject
    CatalogRepository repository;

    @Inject
    com.oncopay.platform.db.Transactions transactions;

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @Inject
    CatalogConfig config;

    @Inject
    java.time.Clock clock;

    @Inject
    com.oncopay.platform.cache.RedisGuard guard;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    private static RequestSpecification pharmacy() {
        return as(TestTokens.pharmacy("PH-CAT"));
    }

    private long versionCount() {
        return pool.query("select count(*) from catalog_version")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    @Order(1)
    void the_catalog_is_loaded_at_start_up_and_every_entry_is_reachable_by_its_list_number() {
        for (int n = 1; n <= 188; n++) {
            pharmacy()
                    .when()
                    .get("/api/v1/drugs/" + n)
                    .then()
                    .statusCode(200)
                    .body("listNo", equalTo(n))
                    .body("drugId", equalTo(String.format("D%03d", n)));
        }
        pharmacy().when().get("/api/v1/drugs/189").then().statusCode(404).body("code", equalTo("DRUG_NOT_FOUND"));
        pharmacy().when().get("/api/v1/drugs/abc").then().statusCode(404).body("code", equalTo("DRUG_NOT_FOUND"));
    }

    @Test
    @Order(2)
    void an_entry_has_the_contract_fields() {
        pharmacy()
                .when()
                .get("/api/v1/drugs/D104")
                .then()
                .statusCode(200)
                .body("brandName", equalTo("奕凯达"))
                .body("genericName", equalTo("阿基仑赛注射液"))
                .body("manufacturer", equalTo("复星凯特"))
                .body("tier", equalTo(2))
                .body("nrdl", equalTo(false))
                .body("coldChain", equalTo(true))
                .body("form", equalTo("CELL_THERAPY"))
                .body("indicationRule", equalTo("CART_AXICABTAGENE_LBCL"))
                .body("fulfilment", equalTo("HOSPITAL_ONLY"))
                .body("maxDaysSupply", equalTo(1))
                .body("effectiveFrom", equalTo("2025-01-01"));
    }

    @Test
    @Order(3)
    void pinyin_initials_find_keytruda() {
        as(TestTokens.member("m-cat"))
                .when()
                .get("/api/v1/drugs?q=krd")
                .then()
                .statusCode(200)
                .body("items.brandName", hasItem("可瑞达"))
                .body("items[0].drugId", equalTo("D001"));
    }

    @Test
    @Order(4)
    void english_generic_and_chinese_names_find_entries() {
        pharmacy()
                .when()
                .get("/api/v1/drugs?q=Pembrolizumab")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].brandName", equalTo("可瑞达"));
        pharmacy()
                .when()
                .get("/api/v1/drugs?q=硼替佐米&size=50")
                .then()
                .statusCode(200)
                .body("total", equalTo(8));
        pharmacy()
                .when()
                .get("/api/v1/drugs?q=bortezomib&tier=3")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].brandName", equalTo("万珂"));
        pharmacy()
                .when()
                .get("/api/v1/drugs?q=bortezomib&tier=1")
                .then()
                .statusCode(200)
                .body("total", equalTo(7));
        pharmacy().when().get("/api/v1/drugs?q=100%25").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @Order(5)
    void lists_are_paged_and_filtered() {
        pharmacy()
                .when()
                .get("/api/v1/drugs?page=0&size=50")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(50))
                .body("total", equalTo(188))
                .body("page", equalTo(0))
                .body("size", equalTo(50));
        pharmacy()
                .when()
                .get("/api/v1/drugs?page=3&size=50")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(38));
        pharmacy()
                .when()
                .get("/api/v1/drugs?page=9&size=50")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0))
                .body("total", equalTo(188));
        pharmacy()
                .when()
                .get("/api/v1/drugs?nrdl=false&size=200")
                .then()
                .statusCode(200)
                .body("items.nrdl", everyItem(equalTo(false)));
    }

    @Test
    @Order(6)
    void bad_query_parameters_are_400_problems() {
        pharmacy()
                .when()
                .get("/api/v1/drugs?tier=4")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("tier"))
                .body("errors[0].code", equalTo("OUT_OF_RANGE"));
        pharmacy().when().get("/api/v1/drugs?size=abc").then().statusCode(400).body("errors[0].field", equalTo("size"));
        pharmacy().when().get("/api/v1/drugs?nrdl=yes").then().statusCode(400).body("errors[0].field", equalTo("nrdl"));
        pharmacy()
                .when()
                .get("/api/v1/drugs?on=1899-12-31")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("on"));
        pharmacy()
                .when()
                .get("/api/v1/drugs?on=2024-12-31")
                .then()
                .statusCode(404)
                .body("code", equalTo("NO_CATALOG_VERSION"));
        given().header("Authorization", "Bearer not-a-token")
                .when()
                .get("/api/v1/drugs")
                .then()
                .statusCode(401);
    }

    /** 004: 「最新版本清单以官方网站公示为准」: the list is public, with catalog data only. */
    @Test
    @Order(6)
    void the_covered_drug_list_is_public_without_a_token_and_shows_catalog_data_only() {
        given().when()
                .get("/api/v1/drugs?q=krd")
                .then()
                .statusCode(200)
                .body("items.brandName", hasItem("可瑞达"))
                .body("items[0].indications", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()))
                .body("items[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("moleculeKey")))
                .body("items[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("indicationRule")))
                .body("total", org.hamcrest.Matchers.greaterThan(0));
        given().when().get("/api/v1/drugs?q=keruida").then().statusCode(200).body("items.drugId", hasItem("D001"));
        given().when()
                .get("/api/v1/drugs?size=200")
                .then()
                .statusCode(200)
                .body("total", equalTo(188))
                .body("items.size()", equalTo(188));
        given().when()
                .get("/api/v1/drugs/D001")
                .then()
                .statusCode(200)
                .body("drugId", equalTo("D001"))
                .body("brandName", equalTo("可瑞达"))
                .body("genericName", equalTo("帕博利珠单抗注射液"))
                .body("tier", equalTo(2))
                .body("aidProgram", equalTo("AID-PEMBRO-DEMO"))
                .body("indications", org.hamcrest.Matchers.contains("限药品说明书所列适应症（以处方审核为准）"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("moleculeKey")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("indicationRule")));
        String egfr = pharmacy()
                .when()
                .get("/api/v1/drugs?size=200")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.indicationRule == 'BIOMARKER:EGFR' }.drugId");
        given().when()
                .get("/api/v1/drugs/" + egfr)
                .then()
                .statusCode(200)
                .body("indications", org.hamcrest.Matchers.contains("需经基因或病理检测：EGFR 基因突变阳性"));
        given().when().get("/api/v1/drugs/D999").then().statusCode(404).body("code", equalTo("DRUG_NOT_FOUND"));
        // with a token: the full entry, unchanged
        pharmacy()
                .when()
                .get("/api/v1/drugs/D001")
                .then()
                .statusCode(200)
                .body("moleculeKey", equalTo("pembrolizumab"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("indications")));
        // and the list's other paths stay closed
        given().when().get("/api/v1/catalog/versions").then().statusCode(401);
    }

    @Test
    @Order(7)
    void catalog_reads_are_kept_near_and_shared_through_redis() {
        String q = "cache-probe-" + System.nanoTime();
        String url = "/api/v1/drugs?q=" + q;
        pharmacy().when().get(url).then().statusCode(200).header("X-Cache", "MISS");
        // this replica's memory, no Redis round trip
        pharmacy().when().get(url).then().statusCode(200).header("X-Cache", "NEAR");
        pharmacy().when().get("/api/v1/drugs/D002").then().statusCode(200);
        pharmacy()
                .when()
                .get("/api/v1/drugs/D002")
                .then()
                .statusCode(200)
                .header("X-Cache", "NEAR")
                .body("brandName", equalTo("欧狄沃"));
        // another replica (a near cache of its own, the same Redis) reads them from Redis, then from its memory
        var other = new CatalogService(repository, transactions, redis, mapper, config, clock, guard);
        var today = other.today();
        java.time.Duration t = java.time.Duration.ofSeconds(10);
        var first = other.search(q, null, null, 0, 20, today).await().atMost(t);
        assertEquals(CatalogService.Source.HIT, first.source());
        assertEquals(0, first.value().total());
        assertEquals(
                CatalogService.Source.NEAR,
                other.search(q, null, null, 0, 20, today).await().atMost(t).source());
        assertEquals(
                CatalogService.Source.HIT,
                other.drug("D002", today).await().atMost(t).source());
        var kept = other.drug("D002", today).await().atMost(t);
        assertEquals(CatalogService.Source.NEAR, kept.source());
        assertEquals("欧狄沃", kept.value().brandName());
    }

    @Test
    @Order(8)
    void reloading_the_same_files_creates_no_new_version() {
        long before = versionCount();
        as(TestTokens.admin())
                .when()
                .post("/api/v1/catalog/reload")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("UNCHANGED"))
                .body("effectiveFrom", equalTo("2025-01-01"));
        assertEquals(before, versionCount());
        as(TestTokens.pharmacy("PH-CAT"))
                .when()
                .post("/api/v1/catalog/reload")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(9)
    void a_malformed_upload_is_rejected_with_its_line_and_the_old_version_stays_in_force() throws IOException {
        long before = versionCount();
        String broken = Files.readString(Path.of("drug-catalog/drugs.tsv")).replaceFirst("\n5\t兆珂\t", "\nfive\t兆珂\t");
        as(TestTokens.admin())
                .contentType(CatalogResource.TSV)
                .body(broken)
                .when()
                .post("/api/v1/catalog/versions?effectiveFrom=2099-01-01")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("CATALOG_MALFORMED"))
                .body("errors[0].field", equalTo("drugs.tsv:6:listNo"))
                .body("detail", org.hamcrest.Matchers.containsString("drugs.tsv:6"));
        assertEquals(before, versionCount());
        pharmacy().when().get("/api/v1/drugs/5").then().statusCode(200).body("effectiveFrom", equalTo("2025-01-01"));
    }

    @Test
    @Order(10)
    void a_changed_tier_and_coverage_make_a_new_version_from_its_date_and_leave_the_earlier_one_as_it_was()
            throws IOException {
        String original = Files.readString(Path.of("drug-catalog/drugs.tsv"));
        // a decision made under version 1 for 万珂 (tier 3)
        var member = com.oncopay.support.Fixtures.member("DEMO-GOLD", "1970-03-01", true, "C90.0", "2026-05-01");
        String decided = as(TestTokens.member(member.memberId()))
                .contentType("application/json")
                .body("""
                {"memberId":"%s","drugId":"D031","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"李医生",
                 "hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C90.0"}""".formatted(member.memberId()))
                .when()
                .post("/api/v1/prescriptions")
                .then()
                .statusCode(201)
                .body("tier", equalTo(3))
                .extract()
                .path("prescriptionId");
        // read for a date the coming version will cover: then kept in this replica's memory under version 1
        pharmacy().when().get("/api/v1/drugs/31?on=2099-01-01").then().statusCode(200);
        pharmacy()
                .when()
                .get("/api/v1/drugs/31?on=2099-01-01")
                .then()
                .statusCode(200)
                .header("X-Cache", "NEAR")
                .body("tier", equalTo(3));
        // 万珂 listed under its own molecule key: the only source → tier 2; entry 188 no longer covered.
        String changed = original.replaceFirst(
                        "(\n31\t万珂\t注射用硼替佐米\t杨森\t)bortezomib(\t[^\t]*\ttrue\t)3\t", "$1bortezomib_janssen$22\t")
                .replaceFirst("\n188\t[^\n]*", "");
        as(TestTokens.admin())
                .contentType(CatalogResource.TSV)
                .body(changed)
                .when()
                .post("/api/v1/catalog/versions?effectiveFrom=2099-01-01")
                .then()
                .statusCode(201)
                .body("outcome", equalTo("CREATED"));
        // loading it again is idempotent
        as(TestTokens.admin())
                .contentType(CatalogResource.TSV)
                .body(changed)
                .when()
                .post("/api/v1/catalog/versions?effectiveFrom=2099-01-01")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("UNCHANGED"));
        // an older effective date than the latest version is refused
        as(TestTokens.admin())
                .contentType(CatalogResource.TSV)
                .body(original)
                .when()
                .post("/api/v1/catalog/versions?effectiveFrom=2098-01-01")
                .then()
                .statusCode(409)
                .body("code", equalTo("CATALOG_VERSION_NOT_LATER"));

        pharmacy()
                .when()
                .get("/api/v1/drugs/31")
                .then()
                .statusCode(200)
                .body("tier", equalTo(3))
                .body("effectiveFrom", equalTo("2025-01-01"));
        pharmacy()
                .when()
                .get("/api/v1/drugs/31?on=2098-12-31")
                .then()
                .statusCode(200)
                .body("tier", equalTo(3));
        // the read kept under version 1 does not answer for the new version (its keys name the version's content)
        pharmacy()
                .when()
                .get("/api/v1/drugs/31?on=2099-01-01")
                .then()
                .statusCode(200)
                .header("X-Cache", org.hamcrest.Matchers.oneOf("MISS", "HIT")) // Redis may hold it from an earlier run
                .body("tier", equalTo(2))
                .body("effectiveFrom", equalTo("2099-01-01"));
        pharmacy().when().get("/api/v1/drugs/188").then().statusCode(200);
        pharmacy().when().get("/api/v1/drugs/188?on=2099-06-01").then().statusCode(404);

        List<Integer> tiers = new java.util.ArrayList<>();
        for (var r : pool.query("select d.tier from catalog_drug d join catalog_version v on v.id = d.version_id "
                        + "where d.list_no = 31 order by v.effective_from")
                .execute()
                .await()
                .indefinitely()) {
            tiers.add((int) r.getShort(0));
        }
        assertEquals(List.of(3, 2), tiers);
        var update = pool.query("update catalog_drug set tier = 1 where list_no = 31")
                .execute();
        org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class, () -> update.await().indefinitely(), "versions are immutable");

        // the earlier decision keeps the tier and version it used
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/prescriptions/" + decided)
                .then()
                .statusCode(200)
                .body("tier", equalTo(3))
                .body("catalogVersion", equalTo(1));
        as(TestTokens.reviewer())
                .when()
                .get("/api/v1/catalog/versions")
                .then()
                .statusCode(200)
                .body("items.effectiveFrom", equalTo(List.of("2025-01-01", "2099-01-01")))
                .body("items.inForce", equalTo(List.of(true, false)));
    }
}
