package com.oncopay.coverage;

import com.oncopay.coverage.CoverageApi.DiagnosisRequest;
import com.oncopay.coverage.CoverageApi.DiagnosisView;
import com.oncopay.coverage.CoverageApi.HospitalRequest;
import com.oncopay.coverage.CoverageApi.HospitalView;
import com.oncopay.coverage.CoverageApi.PharmacyRequest;
import com.oncopay.coverage.CoverageApi.PharmacySummary;
import com.oncopay.coverage.CoverageApi.PharmacyView;
import com.oncopay.coverage.CoverageApi.PolicyRequest;
import com.oncopay.coverage.CoverageApi.PolicyView;
import com.oncopay.coverage.CoverageApi.ProductRequest;
import com.oncopay.coverage.CoverageApi.ProductView;
import com.oncopay.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reference data as other features see it: the sealing contexts of the encrypted member columns
 * and one entry point per use case ({@link ManagingProducts}, {@link ManagingHospitals},
 * {@link ManagingPharmacies}, {@link ManagingPolicies}, {@link RecordingDiagnoses}). Every write
 * validates all of its input first and is one transaction with its audit row; a refused request
 * writes nothing.
 */
@ApplicationScoped
public class ReferenceDataService {
    /** FieldCipher context of {@code member.id_number_enc} (row key: the member id). */
    public static final String ID_NUMBER_CONTEXT = "member.id_number";
    /** FieldCipher context of {@code diagnosis.icd10_enc} (row key: the diagnosis id). */
    public static final String ICD10_CONTEXT = "diagnosis.icd10";
    /** Purpose of the keyed lookup hash of an identity number ({@code member.id_number_hash}). */
    public static final String ID_HASH_PURPOSE = "id-number";

    private final ManagingProducts products;
    private final ManagingHospitals hospitals;
    private final ManagingPharmacies pharmacies;
    private final ManagingPolicies policies;
    private final RecordingDiagnoses diagnoses;

    public ReferenceDataService(
            ManagingProducts products,
            ManagingHospitals hospitals,
            ManagingPharmacies pharmacies,
            ManagingPolicies policies,
            RecordingDiagnoses diagnoses) {
        this.products = products;
        this.hospitals = hospitals;
        this.pharmacies = pharmacies;
        this.policies = policies;
        this.diagnoses = diagnoses;
    }

    public Uni<ProductView> createProduct(ProductRequest r, Caller caller, boolean demo) {
        return products.create(r, caller, demo);
    }

    public Uni<ProductView> product(String code) {
        return products.product(code);
    }

    public Uni<HospitalView> createHospital(HospitalRequest r, Caller caller, boolean demo) {
        return hospitals.create(r, caller, demo);
    }

    public Uni<HospitalView> hospital(String code) {
        return hospitals.hospital(code);
    }

    public Uni<PharmacyView> createPharmacy(PharmacyRequest r, Caller caller, boolean demo) {
        return pharmacies.create(r, caller, demo);
    }

    public Uni<List<PharmacySummary>> designatedPharmacies(String city, String drugId) {
        return pharmacies.designated(city, drugId);
    }

    public Uni<PharmacyView> pharmacy(String code) {
        return pharmacies.pharmacy(code);
    }

    public Uni<PolicyView> createPolicy(PolicyRequest r, Caller caller, boolean demo) {
        return policies.create(r, caller, demo);
    }

    public Uni<PolicyView> policy(String policyNumber, Caller caller) {
        return policies.policy(policyNumber, caller);
    }

    public Uni<DiagnosisView> recordDiagnosis(String memberId, DiagnosisRequest r, Caller caller) {
        return diagnoses.record(memberId, r, caller);
    }

    public Uni<Long> diagnosesOf(String memberId) {
        return diagnoses.countOf(memberId);
    }
}
