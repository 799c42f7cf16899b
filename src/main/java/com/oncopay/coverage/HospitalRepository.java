package com.oncopay.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hospitals ({@code hospital}), in the current session. */
@ApplicationScoped
public class HospitalRepository {
    /** The hospital, or null. */
    public Uni<HospitalEntity> byCode(String code) {
        return Panache.getSession().flatMap(s -> s.find(HospitalEntity.class, code));
    }

    public Uni<Void> insert(HospitalEntity hospital) {
        return Panache.getSession().flatMap(s -> s.persist(hospital).chain(s::flush));
    }
}
