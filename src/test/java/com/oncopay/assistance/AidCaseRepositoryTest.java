package com.oncopay.assistance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidCycleStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The aid entities against the Flyway schema: what the repositories write is what PostgreSQL holds. */
@QuarkusTest
class AidCaseRepositoryTest {
    @Inject
    AidCaseRepository cases;

    @Inject
    AidCycleRepository cycles;

    @Inject
    Pool pool;

    static final OffsetDateTime OPENED = OffsetDateTime.parse("2026-11-23T09:00:00+08:00");
    static final OffsetDateTime APPROVED = OffsetDateTime.parse("2026-11-24T10:30:00+08:00");

    @Test
    @RunOnVertxContext
    void a_case_its_materials_cycles_and_moves_are_persisted(UniAsserter asserter) {
        UUID id = UUID.randomUUID();
        String coordinator = "coord-repo-" + id.toString().substring(0, 6);
        asserter.execute(() -> Panache.withTransaction(() -> cases.create(
                        AidCaseEntity.open(id, "DEMO-M001", "D001", "AID-PEMBRO-DEMO", coordinator, OPENED))
                .flatMap(c -> cases.appendHistory(
                        AidCaseHistoryEntity.of(id, OPENED, coordinator, null, AidCaseStatus.DRAFT, "case opened")))));
        asserter.assertThat(() -> row("select * from aid_case where id = $1", id), r -> {
            assertEquals("DEMO-M001", r.getString("member_id"));
            assertEquals("D001", r.getString("drug_id"));
            assertEquals("AID-PEMBRO-DEMO", r.getString("program_code"));
            assertEquals(coordinator, r.getString("coordinator_id"));
            assertEquals("DRAFT", r.getString("status"));
            assertEquals(OPENED.toInstant(), r.getOffsetDateTime("created_at").toInstant());
            assertEquals(OPENED.toInstant(), r.getOffsetDateTime("updated_at").toInstant());
            assertNull(r.getInteger("approved_cycles"));
        });

        // a material, then the decision with its cycles, each in its own transaction on the locked case
        asserter.execute(() -> Panache.withTransaction(() -> cases.lock(id)
                .invoke(c -> c.moveTo(AidCaseStatus.PREPARING, OPENED))
                .flatMap(c -> cases.material(id, "PERSONAL"))
                .invoke(m -> m.record(true, AidApi.Channel.POST, "by post", OPENED))
                .flatMap(cases::save)));
        asserter.execute(() -> Panache.withTransaction(() -> cases.lock(id)
                .invoke(c -> {
                    assertEquals(AidCaseStatus.PREPARING, c.status());
                    c.approve(2, 1, "DEMO-PH-BJ-01");
                    c.moveTo(AidCaseStatus.APPROVED, APPROVED);
                })
                .flatMap(c -> cycles.add(List.of(
                        AidCycleEntity.open(id, 1, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 8)),
                        AidCycleEntity.open(id, 2, LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 29)))))
                .flatMap(x -> cases.appendHistory(AidCaseHistoryEntity.of(
                        id, APPROVED, coordinator, AidCaseStatus.PREPARING, AidCaseStatus.APPROVED, "approved")))));

        asserter.assertThat(
                () -> row(
                        "select status, approved_cycles, packs_per_cycle, pharmacy_code, updated_at from aid_case where id = $1",
                        id),
                r -> {
                    assertEquals("APPROVED", r.getString("status"));
                    assertEquals(2, r.getInteger("approved_cycles"));
                    assertEquals(1, r.getInteger("packs_per_cycle"));
                    assertEquals("DEMO-PH-BJ-01", r.getString("pharmacy_code"));
                    assertEquals(
                            APPROVED.toInstant(),
                            r.getOffsetDateTime("updated_at").toInstant());
                });
        asserter.assertThat(
                () -> row(
                        "select received, channel, note from aid_material where case_id = $1 and kind = 'PERSONAL'",
                        id),
                r -> {
                    assertTrue(r.getBoolean("received"));
                    assertEquals("POST", r.getString("channel"));
                    assertEquals("by post", r.getString("note"));
                });
        asserter.assertThat(() -> Panache.withSession(() -> cases.records(List.of(id))), records -> {
            assertEquals(1, records.size());
            AidCaseRepository.CaseRecord r = records.get(0);
            assertEquals(AidCaseStatus.APPROVED, r.head().status());
            assertEquals(
                    List.of(1, 2),
                    r.cycles().stream().map(AidCycleEntity::cycle).toList());
            assertEquals(LocalDate.of(2026, 12, 29), r.cycles().get(1).windowEndsOn());
            assertEquals(AidCycleStatus.OPEN, r.cycles().get(0).status());
            assertEquals(
                    List.of(AidCaseStatus.DRAFT, AidCaseStatus.APPROVED),
                    r.history().stream().map(AidCaseHistoryEntity::to).toList());
            assertNull(r.history().get(0).from());
            assertEquals(AidCaseStatus.PREPARING, r.history().get(1).from());
        });

        // what the coordinator lists and is reminded of
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.page(coordinator, AidCaseStatus.APPROVED, null, 0, 10)),
                ids -> assertEquals(List.of(id), ids));
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.count(coordinator, null, LocalDate.of(2026, 11, 30))),
                n -> assertEquals(1L, n));
        asserter.assertThat(
                () -> Panache.withSession(() -> cycles.due(coordinator, LocalDate.of(2026, 11, 30))),
                due -> assertEquals(
                        List.of(1),
                        due.stream().map(AidCycleRepository.DueCycle::cycle).toList()));

        // a collection is written to the cycle row
        asserter.execute(() -> Panache.withTransaction(() ->
                cycles.lockOfCase(id).invoke(all -> all.get(0).collect(LocalDate.of(2026, 11, 25)))));
        asserter.assertThat(
                () -> row("select status, collected_on from aid_cycle where case_id = $1 and cycle = 1", id), r -> {
                    assertEquals("COLLECTED", r.getString("status"));
                    assertEquals(LocalDate.of(2026, 11, 25), r.getLocalDate("collected_on"));
                });
    }

    @Test
    @RunOnVertxContext
    void the_members_citizenship_is_read_and_an_unknown_member_is_empty(UniAsserter asserter) {
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.mainlandCitizen("DEMO-M001")),
                m -> assertEquals(Optional.of(true), m));
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.mainlandCitizen("DEMO-M005")),
                m -> assertEquals(Optional.of(false), m));
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.mainlandCitizen("NO-SUCH-MEMBER")),
                m -> assertEquals(Optional.empty(), m));
    }

    private io.smallrye.mutiny.Uni<Row> row(String sql, UUID id) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next());
    }
}
