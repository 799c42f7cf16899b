package com.oncopay.coverage;

import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.coverage.CoverageApi.DiagnosisRequest;
import com.oncopay.coverage.CoverageApi.DiagnosisView;
import com.oncopay.coverage.CoverageApi.HospitalRequest;
import com.oncopay.coverage.CoverageApi.HospitalView;
import com.oncopay.coverage.CoverageApi.MemberView;
import com.oncopay.coverage.CoverageApi.PharmacyRequest;
import com.oncopay.coverage.CoverageApi.PharmacyView;
import com.oncopay.coverage.CoverageApi.PolicyRequest;
import com.oncopay.coverage.CoverageApi.PolicyView;
import com.oncopay.coverage.CoverageApi.Price;
import com.oncopay.coverage.CoverageApi.ProductRequest;
import com.oncopay.coverage.CoverageApi.ProductView;
import com.oncopay.coverage.CoverageApi.Ratio;
import com.oncopay.coverage.domain.Designation;
import com.oncopay.coverage.domain.HospitalGrade;
import com.oncopay.coverage.domain.HospitalKind;
import com.oncopay.coverage.domain.IdMask;
import com.oncopay.coverage.domain.PlanLevel;
import com.oncopay.coverage.domain.Regions;
import com.oncopay.coverage.domain.ResidentId;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.error.FieldErrors;
import com.oncopay.platform.error.ProblemException;
import com.oncopay.platform.security.Caller;
import com.oncopay.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates and reads products, hospitals, pharmacies, policies (with their members) and
 * diagnoses. Every write validates all of its input first and is one transaction with its
 * audit row; a refused request writes nothing.
 */
@ApplicationScoped
public class ReferenceDataService {
    public static final String ID_NUMBER_CONTEXT = "member.id_number";
    public static final String ICD10_CONTEXT = "diagnosis.icd10";
    public static final String ID_HASH_PURPOSE = "id-number";

    private final Pool pool;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final CatalogService catalog;
    private final EligibilityCache eligibilityCache;

    public ReferenceDataService(
            Pool pool, FieldCipher cipher, AuditLog audit, CatalogService catalog, EligibilityCache eligibilityCache) {
        this.pool = pool;
        this.cipher = cipher;
        this.audit = audit;
        this.catalog = catalog;
        this.eligibilityCache = eligibilityCache;
    }

    // ---------------------------------------------------------------- products

    public Uni<ProductView> createProduct(ProductRequest r, Caller caller, boolean demo) {
        FieldErrors errors = new FieldErrors();
        Set<String> combos = new HashSet<>();
        for (int i = 0; i < r.ratios().size(); i++) {
            Ratio x = r.ratios().get(i);
            if (!combos.add(x.tier() + "/" + x.socialInsuranceUsed()))
                errors.add("ratios[" + i + "]", "INVALID", "duplicate tier and socialInsuranceUsed");
        }
        if (errors.isEmpty() && combos.size() != 6) {
            errors.add(
                    "ratios", "INVALID", "a ratio is needed for each tier 1-3 with and without social insurance (6)");
        }
        String from = r.malignantFrom() == null ? "C00" : r.malignantFrom();
        String to = r.malignantTo() == null ? "C97" : r.malignantTo();
        if (from.compareTo(to) > 0) errors.add("malignantTo", "INVALID", "must not be before malignantFrom");
        errors.throwIfAny();
        return pool.withTransaction(tx -> exists(tx, "select 1 from product where code = $1", r.code())
                        .flatMap(found -> {
                            if (found) throw new ProblemException(409, "ALREADY_EXISTS", r.code());
                            return tx.preparedQuery(
                                            "insert into product (code, name, plan_level, sum_insured_fen, deductible_fen, "
                                                    + "waiting_period_days, renewal_grace_days, malignant_from, malignant_to, demo) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)")
                                    .execute(Tuple.from(new Object[] {
                                        r.code(),
                                        r.name(),
                                        r.planLevel().name(),
                                        r.sumInsuredFen(),
                                        r.deductibleFen(),
                                        r.waitingPeriodDays(),
                                        r.renewalGraceDays(),
                                        from,
                                        to,
                                        demo
                                    }));
                        })
                        .flatMap(x -> tx.preparedQuery(
                                        "insert into product_ratio (product_code, tier, social_insurance_used, percent) values ($1,$2,$3,$4)")
                                .executeBatch(r.ratios().stream()
                                        .map(x2 -> Tuple.of(
                                                r.code(),
                                                x2.tier().shortValue(),
                                                x2.socialInsuranceUsed(),
                                                x2.percent().shortValue()))
                                        .toList()))
                        .flatMap(x -> audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "PRODUCT_CREATED",
                                        "product",
                                        r.code(),
                                        Map.of("planLevel", r.planLevel().name())))))
                .replaceWith(new ProductView(
                        r.code(),
                        r.name(),
                        r.planLevel(),
                        r.sumInsuredFen(),
                        r.deductibleFen(),
                        r.waitingPeriodDays(),
                        r.renewalGraceDays(),
                        r.ratios(),
                        from,
                        to));
    }

    public Uni<ProductView> product(String code) {
        return pool.preparedQuery("select * from product where code = $1")
                .execute(Tuple.of(code))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw new ProblemException(404, "PRODUCT_NOT_FOUND", code);
                    Row p = rows.iterator().next();
                    return pool.preparedQuery(
                                    "select tier, social_insurance_used, percent from product_ratio where product_code = $1 "
                                            + "order by tier, social_insurance_used")
                            .execute(Tuple.of(code))
                            .map(ratios -> {
                                List<Ratio> list = new ArrayList<>();
                                for (Row x : ratios)
                                    list.add(new Ratio(
                                            (int) x.getShort("tier"), x.getBoolean("social_insurance_used"), (int)
                                                    x.getShort("percent")));
                                return new ProductView(
                                        code,
                                        p.getString("name"),
                                        PlanLevel.valueOf(p.getString("plan_level")),
                                        p.getLong("sum_insured_fen"),
                                        p.getLong("deductible_fen"),
                                        p.getInteger("waiting_period_days"),
                                        p.getInteger("renewal_grace_days"),
                                        list,
                                        p.getString("malignant_from"),
                                        p.getString("malignant_to"));
                            });
                });
    }

    // ---------------------------------------------------------------- hospitals

    public Uni<HospitalView> createHospital(HospitalRequest r, Caller caller, boolean demo) {
        String province = Regions.normalise(r.province());
        if (province == null)
            new FieldErrors()
                    .add("province", "UNKNOWN_VALUE", "a province-level region of China, e.g. 北京, 广东")
                    .throwIfAny();
        boolean designated = Designation.hospital(province, r.publicOwned(), r.grade(), r.kind());
        return pool.withTransaction(tx -> exists(tx, "select 1 from hospital where code = $1", r.code())
                        .flatMap(found -> {
                            if (found) throw new ProblemException(409, "ALREADY_EXISTS", r.code());
                            return tx.preparedQuery(
                                            "insert into hospital (code, name, province, city, grade, public_owned, kind, designated, demo) "
                                                    + "values ($1,$2,$3,$4,$5,$6,$7,$8,$9)")
                                    .execute(Tuple.from(new Object[] {
                                        r.code(),
                                        r.name(),
                                        province,
                                        r.city(),
                                        r.grade().name(),
                                        r.publicOwned(),
                                        r.kind().name(),
                                        designated,
                                        demo
                                    }));
                        })
                        .flatMap(x -> audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "HOSPITAL_CREATED",
                                        "hospital",
                                        r.code(),
                                        Map.of("designated", designated)))))
                .replaceWith(new HospitalView(
                        r.code(), r.name(), province, r.city(), r.grade(), r.publicOwned(), r.kind(), designated));
    }

    public Uni<HospitalView> hospital(String code) {
        return pool.preparedQuery("select * from hospital where code = $1")
                .execute(Tuple.of(code))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw new ProblemException(404, "HOSPITAL_NOT_FOUND", code);
                    Row h = rows.iterator().next();
                    return new HospitalView(
                            code,
                            h.getString("name"),
                            h.getString("province"),
                            h.getString("city"),
                            HospitalGrade.valueOf(h.getString("grade")),
                            h.getBoolean("public_owned"),
                            HospitalKind.valueOf(h.getString("kind")),
                            h.getBoolean("designated"));
                });
    }

    // ---------------------------------------------------------------- pharmacies

    public Uni<PharmacyView> createPharmacy(PharmacyRequest r, Caller caller, boolean demo) {
        String province = Regions.normalise(r.province());
        FieldErrors errors = new FieldErrors();
        if (province == null) errors.add("province", "UNKNOWN_VALUE", "a province-level region of China, e.g. 北京, 广东");
        List<Price> prices = r.prices() == null ? List.of() : r.prices();
        Set<String> seen = new HashSet<>();
        List<Price> normalised = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            String id = CatalogEntry.canonicalDrugId(prices.get(i).drugId());
            if (!seen.add(id)) errors.add("prices[" + i + "].drugId", "INVALID", "duplicate drug");
            normalised.add(new Price(id, prices.get(i).priceFen()));
        }
        errors.throwIfAny();
        boolean designated = Designation.pharmacy(province, r.gspCertified(), r.pharmacistOnSite());
        return Multi.createFrom()
                .iterable(normalised)
                .onItem()
                .transformToUniAndConcatenate(p -> catalog.drug(p.drugId(), catalog.today())
                        .map(x -> (String) null)
                        .onFailure(ProblemException.class)
                        .recoverWithItem(p.drugId()))
                .collect()
                .asList()
                .flatMap(missing -> {
                    FieldErrors drugErrors = new FieldErrors();
                    for (int i = 0; i < missing.size(); i++) {
                        if (missing.get(i) != null)
                            drugErrors.add("prices[" + i + "].drugId", "UNKNOWN_VALUE", "not in the catalog in force");
                    }
                    drugErrors.throwIfAny();
                    return pool.withTransaction(tx -> exists(tx, "select 1 from pharmacy where code = $1", r.code())
                            .flatMap(found -> {
                                if (found) throw new ProblemException(409, "ALREADY_EXISTS", r.code());
                                return tx.preparedQuery(
                                                "insert into pharmacy (code, name, province, city, gsp_certified, cold_chain, pharmacist_on_site, "
                                                        + "social_insurance_settlement, designated, demo) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)")
                                        .execute(Tuple.from(new Object[] {
                                            r.code(),
                                            r.name(),
                                            province,
                                            r.city(),
                                            r.gspCertified(),
                                            r.coldChain(),
                                            r.pharmacistOnSite(),
                                            r.socialInsuranceSettlement(),
                                            designated,
                                            demo
                                        }));
                            })
                            .flatMap(x -> normalised.isEmpty()
                                    ? Uni.createFrom().voidItem()
                                    : tx.preparedQuery(
                                                    "insert into pharmacy_price (pharmacy_code, drug_id, price_fen) values ($1,$2,$3)")
                                            .executeBatch(normalised.stream()
                                                    .map(p -> Tuple.of(r.code(), p.drugId(), p.priceFen()))
                                                    .toList())
                                            .replaceWithVoid())
                            .flatMap(x -> audit.record(
                                    tx,
                                    AuditEntry.of(
                                            caller,
                                            "PHARMACY_CREATED",
                                            "pharmacy",
                                            r.code(),
                                            Map.of("designated", designated, "prices", normalised.size())))));
                })
                .replaceWith(new PharmacyView(
                        r.code(),
                        r.name(),
                        province,
                        r.city(),
                        r.gspCertified(),
                        r.coldChain(),
                        r.pharmacistOnSite(),
                        r.socialInsuranceSettlement(),
                        designated,
                        normalised));
    }

    /** Designated pharmacies (optionally in a city, optionally with a contract price for a drug), for choosing one. */
    public Uni<List<CoverageApi.PharmacySummary>> designatedPharmacies(String city, String drugId) {
        return pool.preparedQuery(
                        "select code, name, province, city, cold_chain, designated from pharmacy h where designated "
                                + "and ($1::text is null or city = $1) "
                                + "and ($2::text is null or exists (select 1 from pharmacy_price pp where pp.pharmacy_code = h.code and pp.drug_id = $2)) "
                                + "order by city, code limit 200")
                .execute(Tuple.of(city, drugId))
                .map(rows -> {
                    List<CoverageApi.PharmacySummary> out = new ArrayList<>();
                    for (Row h : rows)
                        out.add(new CoverageApi.PharmacySummary(
                                h.getString("code"),
                                h.getString("name"),
                                h.getString("province"),
                                h.getString("city"),
                                h.getBoolean("cold_chain"),
                                h.getBoolean("designated")));
                    return out;
                });
    }

    public Uni<PharmacyView> pharmacy(String code) {
        return pool.preparedQuery("select * from pharmacy where code = $1")
                .execute(Tuple.of(code))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) throw new ProblemException(404, "PHARMACY_NOT_FOUND", code);
                    Row h = rows.iterator().next();
                    return pool.preparedQuery(
                                    "select drug_id, price_fen from pharmacy_price where pharmacy_code = $1 order by drug_id")
                            .execute(Tuple.of(code))
                            .map(prices -> {
                                List<Price> list = new ArrayList<>();
                                for (Row p : prices)
                                    list.add(new Price(p.getString("drug_id"), p.getLong("price_fen")));
                                return new PharmacyView(
                                        code,
                                        h.getString("name"),
                                        h.getString("province"),
                                        h.getString("city"),
                                        h.getBoolean("gsp_certified"),
                                        h.getBoolean("cold_chain"),
                                        h.getBoolean("pharmacist_on_site"),
                                        h.getBoolean("social_insurance_settlement"),
                                        h.getBoolean("designated"),
                                        list);
                            });
                });
    }

    // ---------------------------------------------------------------- policies and members

    public Uni<PolicyView> createPolicy(PolicyRequest r, Caller caller, boolean demo) {
        CoverageApi.MemberBlock m = r.member();
        String idNumber = m.idNumber().strip();
        FieldErrors errors = new FieldErrors()
                .date("effectiveDate", r.effectiveDate())
                .date("expiryDate", r.expiryDate())
                .date("member.birthDate", m.birthDate());
        if (r.expiryDate().isBefore(r.effectiveDate()))
            errors.add("expiryDate", "INVALID", "must not be before effectiveDate");
        if (m.idType() == CoverageApi.IdType.RESIDENT_ID) {
            idNumber = ResidentId.canonical(idNumber);
            ResidentId.check(idNumber, m.birthDate())
                    .ifPresent(defect -> errors.add(
                            "member.idNumber",
                            "INVALID_" + defect.name(),
                            switch (defect) {
                                case FORMAT -> "18 characters: 17 digits and a digit or X";
                                case CHECK_DIGIT -> "the check character (ISO 7064 MOD 11-2) does not match";
                                case BIRTH_DATE -> "the birth date in the number does not agree with birthDate";
                            }));
        } else if (!idNumber.matches("[A-Za-z0-9()\\-]{5,30}")) {
            errors.add("member.idNumber", "INVALID_FORMAT", "5-30 letters and digits");
        }
        if (r.previousPolicyNumber() != null && r.previousPolicyNumber().equals(r.policyNumber())) {
            errors.add("previousPolicyNumber", "INVALID", "a policy cannot renew itself");
        }
        errors.throwIfAny();
        String id = idNumber;
        byte[] idHash = cipher.lookupHash(ID_HASH_PURPOSE, id);
        return pool.withTransaction(tx -> exists(tx, "select 1 from product where code = $1", r.productCode())
                        .flatMap(found -> {
                            if (!found) throw new ProblemException(422, "PRODUCT_NOT_FOUND", r.productCode());
                            return exists(tx, "select 1 from policy where policy_number = $1", r.policyNumber());
                        })
                        .flatMap(found -> {
                            if (found) throw new ProblemException(409, "ALREADY_EXISTS", r.policyNumber());
                            return tx.preparedQuery("select id_number_hash from member where member_id = $1 for update")
                                    .execute(Tuple.of(m.memberId()));
                        })
                        .flatMap(rows -> upsertMember(tx, m, id, idHash, rows, demo))
                        .flatMap(x -> checkPrevious(tx, r))
                        .flatMap(x -> tx.preparedQuery(
                                        "select 1 from policy where member_id = $1 and effective_date <= $3 and expiry_date >= $2")
                                .execute(Tuple.of(m.memberId(), r.effectiveDate(), r.expiryDate())))
                        .flatMap(overlap -> {
                            if (overlap.iterator().hasNext())
                                throw new ProblemException(409, "POLICY_OVERLAP", r.policyNumber());
                            return tx.preparedQuery(
                                            "insert into policy (policy_number, product_code, member_id, effective_date, expiry_date, "
                                                    + "previous_policy_number) values ($1,$2,$3,$4,$5,$6)")
                                    .execute(Tuple.of(
                                            r.policyNumber(),
                                            r.productCode(),
                                            m.memberId(),
                                            r.effectiveDate(),
                                            r.expiryDate(),
                                            r.previousPolicyNumber()));
                        })
                        .flatMap(x -> tx.preparedQuery("insert into accumulator (policy_number) values ($1)")
                                .execute(Tuple.of(r.policyNumber())))
                        .flatMap(x -> audit.record(
                                tx,
                                AuditEntry.of(
                                        caller,
                                        "POLICY_CREATED",
                                        "policy",
                                        r.policyNumber(),
                                        Map.of("memberId", m.memberId(), "productCode", r.productCode())))))
                .call(() -> eligibilityCache.invalidate(m.memberId()))
                .replaceWith(new PolicyView(
                        r.policyNumber(),
                        r.productCode(),
                        memberView(
                                m.memberId(),
                                m.name(),
                                m.idType(),
                                id,
                                m.birthDate(),
                                m.mainlandCitizen(),
                                m.socialInsurance(),
                                caller),
                        r.effectiveDate(),
                        r.expiryDate(),
                        r.previousPolicyNumber()));
    }

    /** A member as a response shows it: the birth date to ADMIN only, and then nothing of the identity number (IdMask). */
    private static MemberView memberView(
            String memberId,
            String name,
            CoverageApi.IdType type,
            String idNumber,
            LocalDate birthDate,
            boolean mainlandCitizen,
            boolean socialInsurance,
            Caller caller) {
        boolean birthDateShown = caller.has(Roles.ADMIN);
        return new MemberView(
                memberId,
                name,
                type,
                IdMask.mask(idNumber, type == CoverageApi.IdType.RESIDENT_ID, birthDateShown),
                birthDateShown ? birthDate : null,
                mainlandCitizen,
                socialInsurance);
    }

    private Uni<Void> upsertMember(
            SqlClient tx, CoverageApi.MemberBlock m, String id, byte[] idHash, RowSet<Row> existing, boolean demo) {
        if (existing.iterator().hasNext()) {
            byte[] stored =
                    existing.iterator().next().getBuffer("id_number_hash").getBytes();
            if (!java.security.MessageDigest.isEqual(stored, idHash)) {
                throw new ProblemException(409, "MEMBER_IDENTITY_MISMATCH", m.memberId());
            }
            return tx.preparedQuery(
                            "update member set name = $2, mainland_citizen = $3, social_insurance = $4, updated_at = now() where member_id = $1")
                    .execute(Tuple.of(m.memberId(), m.name(), m.mainlandCitizen(), m.socialInsurance()))
                    .replaceWithVoid();
        }
        return tx.preparedQuery(
                        "insert into member (member_id, name, id_type, id_number_enc, id_number_hash, birth_date, "
                                + "mainland_citizen, social_insurance, demo) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)")
                .execute(Tuple.from(new Object[] {
                    m.memberId(),
                    m.name(),
                    m.idType().name(),
                    io.vertx.core.buffer.Buffer.buffer(cipher.encrypt(id, ID_NUMBER_CONTEXT, m.memberId())),
                    io.vertx.core.buffer.Buffer.buffer(idHash),
                    m.birthDate(),
                    m.mainlandCitizen(),
                    m.socialInsurance(),
                    demo
                }))
                .replaceWithVoid();
    }

    private Uni<Void> checkPrevious(SqlClient tx, PolicyRequest r) {
        if (r.previousPolicyNumber() == null) return Uni.createFrom().voidItem();
        return tx.preparedQuery(
                        "select member_id, expiry_date, exists (select 1 from policy x where x.previous_policy_number = p.policy_number) as renewed "
                                + "from policy p where policy_number = $1")
                .execute(Tuple.of(r.previousPolicyNumber()))
                .map(rows -> {
                    if (!rows.iterator().hasNext())
                        throw new ProblemException(422, "PREVIOUS_POLICY_INVALID", r.previousPolicyNumber());
                    Row p = rows.iterator().next();
                    if (!p.getString("member_id").equals(r.member().memberId())
                            || !p.getLocalDate("expiry_date").isBefore(r.effectiveDate())) {
                        throw new ProblemException(422, "PREVIOUS_POLICY_INVALID", r.previousPolicyNumber());
                    }
                    if (p.getBoolean("renewed"))
                        throw new ProblemException(409, "ALREADY_RENEWED", r.previousPolicyNumber());
                    return null;
                });
    }

    public Uni<PolicyView> policy(String policyNumber, Caller caller) {
        return pool.preparedQuery(
                        "select p.*, m.name, m.id_type, m.id_number_enc, m.birth_date, m.mainland_citizen, m.social_insurance "
                                + "from policy p join member m on m.member_id = p.member_id where p.policy_number = $1")
                .execute(Tuple.of(policyNumber))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw new ProblemException(404, "POLICY_NOT_FOUND", policyNumber);
                    Row p = rows.iterator().next();
                    String idNumber = cipher.decrypt(
                            p.getBuffer("id_number_enc").getBytes(),
                            ID_NUMBER_CONTEXT,
                            p.getString("member_id")); // only to mask it
                    return new PolicyView(
                            policyNumber,
                            p.getString("product_code"),
                            memberView(
                                    p.getString("member_id"),
                                    p.getString("name"),
                                    CoverageApi.IdType.valueOf(p.getString("id_type")),
                                    idNumber,
                                    p.getLocalDate("birth_date"),
                                    p.getBoolean("mainland_citizen"),
                                    p.getBoolean("social_insurance"),
                                    caller),
                            p.getLocalDate("effective_date"),
                            p.getLocalDate("expiry_date"),
                            p.getString("previous_policy_number"));
                });
    }

    // ---------------------------------------------------------------- diagnoses

    public Uni<DiagnosisView> recordDiagnosis(String memberId, DiagnosisRequest r, Caller caller) {
        new FieldErrors().date("diagnosedOn", r.diagnosedOn()).throwIfAny();
        UUID id = UUID.randomUUID();
        byte[] sealed = cipher.encrypt(r.icd10(), ICD10_CONTEXT, id.toString());
        return pool.withTransaction(tx -> exists(tx, "select 1 from member where member_id = $1", memberId)
                        .flatMap(found -> {
                            if (!found) throw new ProblemException(404, "MEMBER_NOT_FOUND", memberId);
                            return tx.preparedQuery("select designated from hospital where code = $1")
                                    .execute(Tuple.of(r.hospitalCode()));
                        })
                        .flatMap(rows -> {
                            if (!rows.iterator().hasNext()) {
                                new FieldErrors()
                                        .add("hospitalCode", "UNKNOWN_VALUE", "no hospital with this code")
                                        .throwIfAny();
                            }
                            boolean designated = rows.iterator().next().getBoolean("designated");
                            return tx.preparedQuery(
                                            "insert into diagnosis (id, member_id, icd10_enc, diagnosed_on, hospital_code, specialist, first_ever, "
                                                    + "recorded_by) values ($1,$2,$3,$4,$5,$6,$7,$8)")
                                    .execute(Tuple.from(new Object[] {
                                        id,
                                        memberId,
                                        io.vertx.core.buffer.Buffer.buffer(sealed),
                                        r.diagnosedOn(),
                                        r.hospitalCode(),
                                        r.specialist(),
                                        r.firstEver(),
                                        caller.subject()
                                    }))
                                    .replaceWith(designated);
                        })
                        .call(designated -> audit.record(
                                tx,
                                AuditEntry.of(
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

    public Uni<Long> diagnosesOf(String memberId) {
        return pool.preparedQuery("select count(*) from diagnosis where member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Uni<Boolean> exists(SqlClient client, String sql, Object key) {
        return client.preparedQuery(sql)
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().hasNext());
    }
}
