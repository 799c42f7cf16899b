package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.HospitalRequest;
import com.oncopay.coverage.CoverageApi.HospitalView;
import com.oncopay.coverage.domain.Designation;
import com.oncopay.coverage.domain.Regions;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Registers a hospital (whether it is designated follows from its facts) and reads it back. */
@ApplicationScoped
public class ManagingHospitals {
    private final Transactions transactions;
    private final AuditLog audit;
    private final HospitalRepository hospitals;

    public ManagingHospitals(Transactions transactions, AuditLog audit, HospitalRepository hospitals) {
        this.transactions = transactions;
        this.audit = audit;
        this.hospitals = hospitals;
    }

    public Uni<HospitalView> create(HospitalRequest r, Caller caller, boolean demo) {
        String province = Regions.normalise(r.province());
        if (province == null)
            new FieldErrors()
                    .add("province", "UNKNOWN_VALUE", "a province-level region of China, e.g. 北京, 广东")
                    .throwIfAny();
        boolean designated = Designation.hospital(province, r.publicOwned(), r.grade(), r.kind());
        HospitalEntity h = new HospitalEntity();
        h.code = r.code();
        h.name = r.name();
        h.province = province;
        h.city = r.city();
        h.grade = r.grade();
        h.publicOwned = r.publicOwned();
        h.kind = r.kind();
        h.designated = designated;
        h.demo = demo;
        return transactions
                .inEntityTransaction(() -> hospitals
                        .byCode(r.code())
                        .flatMap(found -> {
                            if (found != null) throw Refused.conflict("ALREADY_EXISTS", r.code());
                            return hospitals.insert(h);
                        })
                        .chain(() -> audit.recordInEntityTransaction(AuditEntry.of(
                                caller, "HOSPITAL_CREATED", "hospital", r.code(), Map.of("designated", designated)))))
                .replaceWith(new HospitalView(
                        r.code(), r.name(), province, r.city(), r.grade(), r.publicOwned(), r.kind(), designated));
    }

    public Uni<HospitalView> hospital(String code) {
        return transactions.inEntitySession(() -> hospitals.byCode(code).map(h -> {
            if (h == null) throw Refused.of(Refused.Kind.NOT_FOUND, "HOSPITAL_NOT_FOUND", code);
            return new HospitalView(code, h.name, h.province, h.city, h.grade, h.publicOwned, h.kind, h.designated);
        }));
    }
}
