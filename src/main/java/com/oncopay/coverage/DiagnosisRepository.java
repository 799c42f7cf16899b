package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Diagnoses ({@code diagnosis}), in the current session. */
@ApplicationScoped
public class DiagnosisRepository {
    private static final String COUNT = "select count(*) from DiagnosisEntity d where d.memberId = :member";

    public Uni<Boolean> memberExists(String memberId) {
        return Panache.getSession()
                .flatMap(s -> s.find(MemberEntity.class, memberId))
                .map(m -> m != null);
    }

    public Uni<Void> insert(DiagnosisEntity diagnosis) {
        return Panache.getSession().flatMap(s -> s.persist(diagnosis).chain(s::flush));
    }

    public Uni<Long> countOf(String memberId) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(COUNT, Long.class)
                        .setParameter("member", memberId)
                        .getSingleResult());
    }
}
