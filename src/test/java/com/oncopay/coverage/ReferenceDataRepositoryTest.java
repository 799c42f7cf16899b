package com.oncopay.coverage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.coverage.domain.HospitalGrade;
import com.oncopay.coverage.domain.HospitalKind;
import com.oncopay.platform.crypto.FieldCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reference-data repositories (Hibernate Reactive) against PostgreSQL: what is saved is what is read back. */
@QuarkusTest
class ReferenceDataRepositoryTest {
    @Inject
    HospitalRepository hospitals;

    @Inject
    PharmacyRepository pharmacies;

    @Inject
    PolicyRepository policies;

    @Inject
    FieldCipher cipher;

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @RunOnVertxContext
    void a_hospital_saved_in_a_transaction_reads_back_with_every_column(UniAsserter asserter) {
        HospitalEntity h = new HospitalEntity();
        h.code = unique("REPO-H-");
        h.name = "仓储测试医院";
        h.province = "广东";
        h.city = "广州";
        h.grade = HospitalGrade.GRADE_3;
        h.publicOwned = true;
        h.kind = HospitalKind.GENERAL;
        h.designated = true;
        h.demo = false;
        asserter.execute(() -> Panache.withTransaction(() -> hospitals.insert(h)));
        asserter.assertThat(() -> Panache.withSession(() -> hospitals.byCode(h.code)), found -> {
            assertEquals(h.code, found.code);
            assertEquals("仓储测试医院", found.name);
            assertEquals("广东", found.province);
            assertEquals("广州", found.city);
            assertEquals(HospitalGrade.GRADE_3, found.grade);
            assertTrue(found.publicOwned);
            assertEquals(HospitalKind.GENERAL, found.kind);
            assertTrue(found.designated);
            assertFalse(found.demo);
        });
        asserter.assertThat(() -> Panache.withSession(() -> hospitals.byCode(unique("REPO-NONE-"))), found -> {
            assertNull(found);
        });
    }

    @Test
    @RunOnVertxContext
    void a_pharmacy_with_its_prices_is_listed_among_the_designated_ones_holding_the_drug(UniAsserter asserter) {
        PharmacyEntity p = new PharmacyEntity();
        p.code = unique("REPO-P-");
        p.name = "仓储测试药房";
        p.province = "上海";
        p.city = unique("城");
        p.gspCertified = true;
        p.coldChain = true;
        p.pharmacistOnSite = true;
        p.socialInsuranceSettlement = false;
        p.designated = true;
        p.demo = false;
        List<PharmacyPriceEntity> prices = List.of(
                PharmacyPriceEntity.of(p.code, "D002", 2_500_00L), PharmacyPriceEntity.of(p.code, "D001", 1_000_00L));
        asserter.execute(() -> Panache.withTransaction(() -> pharmacies.insert(p, prices)));
        asserter.assertThat(() -> Panache.withSession(() -> pharmacies.prices(p.code)), found -> {
            assertEquals(
                    List.of("D001", "D002"), found.stream().map(x -> x.drugId).toList());
            assertEquals(1_000_00L, found.get(0).priceFen);
            assertEquals(2_500_00L, found.get(1).priceFen);
        });
        asserter.assertThat(() -> Panache.withSession(() -> pharmacies.designated(p.city, "D002")), found -> {
            assertEquals(List.of(p.code), found.stream().map(x -> x.code).toList());
            assertTrue(found.get(0).coldChain);
            assertFalse(found.get(0).socialInsuranceSettlement);
        });
        asserter.assertThat(
                () -> Panache.withSession(() -> pharmacies.designated(p.city, "D999")),
                found -> assertTrue(found.isEmpty()));
    }

    @Test
    @RunOnVertxContext
    void a_member_keeps_its_identity_number_sealed_with_its_context_and_row_key(UniAsserter asserter) {
        MemberEntity m = new MemberEntity();
        m.memberId = unique("REPO-M-");
        m.name = "仓储测试";
        m.idType = CoverageApi.IdType.PASSPORT;
        m.idNumberEnc = cipher.encrypt("E12345678", ReferenceDataService.ID_NUMBER_CONTEXT, m.memberId);
        m.idNumberHash = cipher.lookupHash(ReferenceDataService.ID_HASH_PURPOSE, "E12345678");
        m.birthDate = LocalDate.parse("1980-02-29");
        m.mainlandCitizen = false;
        m.socialInsurance = true;
        m.demo = false;
        m.updatedAt = OffsetDateTime.parse("2026-11-23T10:00:00+08:00");
        asserter.execute(() -> Panache.withTransaction(() -> policies.insertMember(m)));
        asserter.assertThat(() -> Panache.withTransaction(() -> policies.lockMember(m.memberId)), found -> {
            assertEquals(
                    "E12345678", cipher.decrypt(found.idNumberEnc, ReferenceDataService.ID_NUMBER_CONTEXT, m.memberId));
            assertArrayEquals(m.idNumberHash, found.idNumberHash);
            assertEquals(CoverageApi.IdType.PASSPORT, found.idType);
            assertEquals(LocalDate.parse("1980-02-29"), found.birthDate);
            assertEquals(m.updatedAt.toInstant(), found.updatedAt.toInstant());
            assertTrue(found.socialInsurance);
            assertFalse(found.mainlandCitizen);
        });
    }
}
