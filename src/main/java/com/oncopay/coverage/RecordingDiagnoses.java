package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.DiagnosisRequest;
import com.oncopay.coverage.CoverageApi.DiagnosisView;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.domain.Refused;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** Records a member's diagnosis, sealed (its ICD-10 code is never stored in clear), with its audit row. */
@ApplicationScoped
public class RecordingDiagnoses {
    private final Transactions transactions;
    private final AuditLog audit;
    private final DiagnosisRepository diagnoses;
    private final HospitalRepository hospitals;
    private final FieldCipher cipher;
    private final EligibilityCache eligibilityCache;

    public RecordingDiagnoses(
            Transactions transactions,
            AuditLog audit,
            DiagnosisRepository diagnoses,
            HospitalRepository hospitals,
            FieldCipher cipher,
            EligibilityCache eligibilityCache) {
        this.transactions = transactions;
        this.audit = audit;
        this.diagnoses = diagnoses;
        this.hospitals = hospitals;
        this.cipher = cipher;
        this.eligibilityCache = eligibilityCache;
    }

    public Uni<DiagnosisView> record(String memberId, DiagnosisRequest r, Caller caller) {
        new FieldErrors().date("diagnosedOn", r.diagnosedOn()).throwIfAny();
        UUID id = UUID.randomUUID();
        DiagnosisEntity d = new DiagnosisEntity();
        d.id = id;
        d.memberId = memberId;
        d.icd10Enc = cipher.encrypt(r.icd10(), ReferenceDataService.ICD10_CONTEXT, id.toString());
        d.diagnosedOn = r.diagnosedOn();
        d.hospitalCode = r.hospitalCode();
        d.specialist = r.specialist();
        d.firstEver = r.firstEver();
        d.recordedBy = caller.subject();
        return transactions
                .inEntityTransaction(() -> diagnoses
                        .memberExists(memberId)
                        .flatMap(found -> {
                            if (!found) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
                            return hospitals.byCode(r.hospitalCode());
                        })
                        .flatMap(hospital -> {
                            if (hospital == null) {
                                new FieldErrors()
                                        .add("hospitalCode", "UNKNOWN_VALUE", "no hospital with this code")
                                        .throwIfAny();
                            }
                            return diagnoses.insert(d).replaceWith(hospital.designated);
                        })
                        .call(designated -> audit.recordInEntityTransaction(AuditEntry.of(
                                caller,
                                "DIAGNOSIS_RECORDED",
                                "member",
                                memberId,
                                Map.of("diagnosisId", id.toString())))))
                .call(() -> eligibilityCache.invalidate(memberId))
                .map(designated -> new DiagnosisView(
                        id.toString(),
                        memberId,
                        r.diagnosedOn(),
                        r.hospitalCode(),
                        designated,
                        r.specialist(),
                        r.firstEver()));
    }

    /** How many diagnoses are recorded for the member. */
    public Uni<Long> countOf(String memberId) {
        return transactions.inEntitySession(() -> diagnoses.countOf(memberId));
    }
}
