package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCaseStatus;
import com.oncopay.assistance.domain.AidCycleStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Aid cases, their materials and their history, through Hibernate Reactive. Call it inside
 * {@code Panache.withTransaction} (writes) or {@code Panache.withSession} (reads): every method
 * works in the session of that unit of work.
 */
@ApplicationScoped
public class AidCaseRepository implements PanacheRepositoryBase<AidCaseEntity, UUID> {
    private static final String MAINLAND_CITIZEN = """
            select mainland_citizen from member where member_id = ?1""";

    /** Whether the member is a mainland citizen; empty when there is no such member. */
    public Uni<Optional<Boolean>> mainlandCitizen(String memberId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(MAINLAND_CITIZEN, Boolean.class)
                        .setParameter(1, memberId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0)));
    }

    /** Inserts a new case at once, so that what refers to it can follow in the same transaction. */
    public Uni<AidCaseEntity> create(AidCaseEntity c) {
        return persistAndFlush(c);
    }

    /** The case, locked for the rest of the transaction ({@code for update}); null when there is none. */
    public Uni<AidCaseEntity> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Void> appendHistory(AidCaseHistoryEntity h) {
        return session().flatMap(s -> s.persist(h));
    }

    /** The case's material of that kind, created (unrecorded) when it has none yet. */
    public Uni<AidMaterialEntity> material(UUID caseId, String kind) {
        return session()
                .flatMap(s -> s.find(AidMaterialEntity.class, new AidMaterialEntity.Key(caseId, kind)))
                .map(m -> m != null ? m : AidMaterialEntity.of(caseId, kind));
    }

    /** Stores a material returned by {@link #material} (new or changed). */
    public Uni<Void> save(AidMaterialEntity m) {
        return session().flatMap(s -> s.contains(m) ? Uni.createFrom().voidItem() : s.persist(m));
    }

    public Uni<Long> receivedMaterials(UUID caseId) {
        return session()
                .flatMap(s -> s.createSelectionQuery(
                                "select count(m) from AidMaterialEntity m where m.caseId = :id and m.received = true",
                                Long.class)
                        .setParameter("id", caseId)
                        .getSingleResult());
    }

    // ---------------------------------------------------------------- reads for the views

    /** One page of case ids, newest change first, filtered by what is not null. */
    public Uni<List<UUID>> page(String coordinator, AidCaseStatus status, LocalDate dueUntil, int page, int size) {
        String hql = "select c.id from AidCaseEntity c" + where(coordinator, status, dueUntil)
                + " order by c.updatedAt desc, c.id";
        return session()
                .flatMap(s -> bind(s.createSelectionQuery(hql, UUID.class), coordinator, status, dueUntil)
                        .setFirstResult(page * size)
                        .setMaxResults(size)
                        .getResultList());
    }

    public Uni<Long> count(String coordinator, AidCaseStatus status, LocalDate dueUntil) {
        String hql = "select count(c) from AidCaseEntity c" + where(coordinator, status, dueUntil);
        return session()
                .flatMap(s -> bind(s.createSelectionQuery(hql, Long.class), coordinator, status, dueUntil)
                        .getSingleResult());
    }

    private static String where(String coordinator, AidCaseStatus status, LocalDate dueUntil) {
        List<String> and = new ArrayList<>();
        if (coordinator != null) and.add("c.coordinatorId = :coordinator");
        if (status != null) and.add("c.status = :status");
        if (dueUntil != null)
            and.add("exists (select 1 from AidCycleEntity y where y.caseId = c.id and y.status = :open"
                    + " and y.opensOn <= :until)");
        return and.isEmpty() ? "" : " where " + String.join(" and ", and);
    }

    private static <R> Mutiny.SelectionQuery<R> bind(
            Mutiny.SelectionQuery<R> q, String coordinator, AidCaseStatus status, LocalDate dueUntil) {
        if (coordinator != null) q.setParameter("coordinator", coordinator);
        if (status != null) q.setParameter("status", status);
        if (dueUntil != null) q.setParameter("open", AidCycleStatus.OPEN).setParameter("until", dueUntil);
        return q;
    }

    /** The cases with their materials (by kind), cycles (by number) and history (in order), in the order of ids. */
    public Uni<List<CaseRecord>> records(List<UUID> ids) {
        if (ids.isEmpty()) return Uni.createFrom().item(List.of());
        return session()
                .flatMap(s -> s.createSelectionQuery("from AidCaseEntity c where c.id in :ids", AidCaseEntity.class)
                        .setParameter("ids", ids)
                        .getResultList()
                        .flatMap(cases -> s.createSelectionQuery(
                                        "from AidMaterialEntity m where m.caseId in :ids order by m.caseId, m.kind",
                                        AidMaterialEntity.class)
                                .setParameter("ids", ids)
                                .getResultList()
                                .flatMap(materials -> s.createSelectionQuery(
                                                "from AidCycleEntity y where y.caseId in :ids order by y.caseId, y.cycle",
                                                AidCycleEntity.class)
                                        .setParameter("ids", ids)
                                        .getResultList()
                                        .flatMap(cycles -> s.createSelectionQuery(
                                                        "from AidCaseHistoryEntity h where h.caseId in :ids order by h.id",
                                                        AidCaseHistoryEntity.class)
                                                .setParameter("ids", ids)
                                                .getResultList()
                                                .map(history -> assemble(ids, cases, materials, cycles, history))))));
    }

    /** A case as read, with everything that hangs off it. */
    public record CaseRecord(
            AidCaseEntity head,
            List<AidMaterialEntity> materials,
            List<AidCycleEntity> cycles,
            List<AidCaseHistoryEntity> history) {}

    private static List<CaseRecord> assemble(
            List<UUID> ids,
            List<AidCaseEntity> cases,
            List<AidMaterialEntity> materials,
            List<AidCycleEntity> cycles,
            List<AidCaseHistoryEntity> history) {
        Map<UUID, AidCaseEntity> heads = new HashMap<>();
        cases.forEach(c -> heads.put(c.id(), c));
        List<CaseRecord> out = new ArrayList<>();
        for (UUID id : ids) {
            AidCaseEntity head = heads.get(id);
            if (head == null) continue;
            out.add(new CaseRecord(
                    head,
                    materials.stream()
                            .filter(m -> m.caseId().equals(id))
                            .sorted(Comparator.comparing(AidMaterialEntity::kind))
                            .toList(),
                    cycles.stream()
                            .filter(y -> y.caseId().equals(id))
                            .sorted(Comparator.comparingInt(AidCycleEntity::cycle))
                            .toList(),
                    history.stream().filter(h -> h.caseId().equals(id)).toList()));
        }
        return out;
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
