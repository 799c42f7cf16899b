package com.oncopay.assistance;

import com.oncopay.assistance.domain.AidCycleStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The donated cycles of approved cases, through Hibernate Reactive (inside a Panache session). */
@ApplicationScoped
public class AidCycleRepository implements PanacheRepositoryBase<AidCycleEntity, AidCycleEntity.Key> {

    /** The case's cycles by number, locked for the rest of the transaction. */
    public Uni<List<AidCycleEntity>> lockOfCase(UUID caseId) {
        return find("caseId = ?1 order by cycle", caseId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** Open cycles whose collection window ended before {@code today}, locked for the rest of the transaction. */
    public Uni<List<AidCycleEntity>> lockOverdue(LocalDate today) {
        return find("status = ?1 and windowEndsOn < ?2 order by caseId, cycle", AidCycleStatus.OPEN, today)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<Void> add(List<AidCycleEntity> cycles) {
        return persist(cycles);
    }

    /** An open cycle opening by {@code until}, with its case: what a coordinator is reminded of. */
    public record DueCycle(
            UUID caseId,
            String memberId,
            String drugId,
            String programCode,
            int cycle,
            LocalDate opensOn,
            LocalDate windowEndsOn) {}

    /** Open cycles opening by {@code until}, of the coordinator's cases (all when null), soonest first. */
    public Uni<List<DueCycle>> due(String coordinator, LocalDate until) {
        String hql = "select c.id, c.memberId, c.drugId, c.programCode, y.cycle, y.opensOn, y.windowEndsOn"
                + " from AidCycleEntity y join AidCaseEntity c on c.id = y.caseId"
                + " where y.status = :open and y.opensOn <= :until"
                + (coordinator == null ? "" : " and c.coordinatorId = :coordinator")
                + " order by y.opensOn, c.id";
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql, Object[].class)
                    .setParameter("open", AidCycleStatus.OPEN)
                    .setParameter("until", until);
            if (coordinator != null) q.setParameter("coordinator", coordinator);
            return q.getResultList()
                    .map(rows -> rows.stream()
                            .map(r -> new DueCycle(
                                    (UUID) r[0],
                                    (String) r[1],
                                    (String) r[2],
                                    (String) r[3],
                                    (Integer) r[4],
                                    (LocalDate) r[5],
                                    (LocalDate) r[6]))
                            .toList());
        });
    }
}
