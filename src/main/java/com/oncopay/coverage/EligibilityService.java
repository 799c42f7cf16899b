package com.oncopay.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncopay.catalog.CatalogService;
import com.oncopay.catalog.CatalogVersion;
import com.oncopay.catalog.DrugView;
import com.oncopay.catalog.domain.CatalogEntry;
import com.oncopay.catalog.domain.FulfilmentRestriction;
import com.oncopay.coverage.domain.DiagnosisFact;
import com.oncopay.coverage.domain.DrugFacts;
import com.oncopay.coverage.domain.Eligibility;
import com.oncopay.coverage.domain.PlanLevel;
import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.ProductTerms;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.error.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes eligibility from PostgreSQL (the member's policies, products, diagnoses and
 * accumulators, read in parallel) with the plain-Java {@link Eligibility} rules, and keeps
 * the result in Redis until something it depends on changes.
 */
@ApplicationScoped
public class EligibilityService {
    /** What is cached and answered: codes and numbers only. */
    public record Snapshot(
            String memberId, String drugId, LocalDate on, Eligibility.Result result, int catalogVersion) {}

    public record Cached(Snapshot snapshot, boolean hit) {}

    /** Everything known about a member that the rules read, for callers that evaluate more (prescriptions). */
    public record MemberFacts(
            String memberId,
            boolean socialInsurance,
            boolean mainlandCitizen,
            LocalDate birthDate,
            List<PolicyTerm> policies,
            Map<String, ProductTerms> products,
            List<DiagnosisFact> diagnoses,
            Map<String, long[]> accumulators) {

        /** Eligibility on a day for a drug of the catalog in force (empty: not covered), with the accumulators of the term in force. */
        public Eligibility.Result evaluate(LocalDate on, Optional<DrugView> drug) {
            Optional<DrugFacts> d = drug.map(EligibilityService::facts);
            long[] acc = Eligibility.inForce(policies, on)
                    .map(p -> accumulators.getOrDefault(p.policyNumber(), new long[2]))
                    .orElse(new long[2]);
            return Eligibility.evaluate(
                    new Eligibility.Input(on, policies, products, diagnoses, d, acc[1], acc[0], socialInsurance));
        }
    }

    /** What the eligibility rules read of a catalog drug. */
    public static DrugFacts facts(DrugView drug) {
        return new DrugFacts(
                drug.drugId(), drug.tier(), drug.nrdl(), drug.fulfilment() == FulfilmentRestriction.HOSPITAL_ONLY);
    }

    private final Pool pool;
    private final CatalogService catalog;
    private final EligibilityCache cache;
    private final FieldCipher cipher;
    private final ObjectMapper mapper;

    public EligibilityService(
            Pool pool, CatalogService catalog, EligibilityCache cache, FieldCipher cipher, ObjectMapper mapper) {
        this.pool = pool;
        this.catalog = catalog;
        this.cache = cache;
        this.cipher = cipher;
        this.mapper = mapper;
    }

    public Uni<Cached> eligibility(String memberId, String drugId, LocalDate on) {
        String canonicalDrug = CatalogEntry.canonicalDrugId(drugId);
        return catalog.inForce(on)
                .onFailure(ProblemException.class)
                .recoverWithNull()
                .flatMap(version -> {
                    String field = canonicalDrug + "|" + on + "|"
                            + (version == null ? "none" : CatalogService.keyPrefix(version));
                    return cache.get(memberId, field).flatMap(json -> {
                        Snapshot hit = json == null ? null : read(json);
                        if (hit != null) return Uni.createFrom().item(new Cached(hit, true));
                        // the generation is read before the facts: a change committed meanwhile makes the write a no-op
                        return cache.generation(memberId)
                                .flatMap(generation -> compute(memberId, canonicalDrug, on, version)
                                        .call(s -> cache.put(memberId, field, write(s), generation))
                                        .map(s -> new Cached(s, false)));
                    });
                });
    }

    private Uni<Snapshot> compute(String memberId, String drugId, LocalDate on, CatalogVersion version) {
        Uni<Optional<DrugView>> drug = version == null
                ? Uni.createFrom().item(Optional.empty())
                : catalog.drug(drugId, on)
                        .map(c -> Optional.of(c.value()))
                        .onFailure(ProblemException.class)
                        .recoverWithItem(Optional.empty());
        return Uni.combine().all().unis(facts(memberId), drug).asTuple().map(t -> {
            Eligibility.Result r = t.getItem1().evaluate(on, t.getItem2());
            return new Snapshot(memberId, drugId, on, r, version == null ? 0 : version.version());
        });
    }

    /** Loads the member's facts over one connection; 404 MEMBER_NOT_FOUND when there is no such member. */
    public Uni<MemberFacts> facts(String memberId) {
        return pool.withConnection(conn -> facts(conn, memberId));
    }

    /**
     * The same through {@code client}: the four reads are sent together (the connection pipelines
     * them), one round trip and one connection instead of four.
     */
    public Uni<MemberFacts> facts(SqlClient client, String memberId) {
        Tuple id = Tuple.of(memberId);
        Uni<Row> member = client.preparedQuery(
                        "select social_insurance, mainland_citizen, birth_date from member where member_id = $1")
                .execute(id)
                .map(rows -> {
                    if (!rows.iterator().hasNext()) throw new ProblemException(404, "MEMBER_NOT_FOUND", memberId);
                    return rows.iterator().next();
                });
        Uni<List<Row>> policies = rows(
                client,
                "select p.policy_number, p.product_code, p.effective_date, p.expiry_date, p.previous_policy_number, "
                        + "coalesce(a.deductible_met_fen, 0) as deductible_met_fen, coalesce(a.sum_insured_used_fen, 0) as sum_insured_used_fen, "
                        + "pr.plan_level, pr.sum_insured_fen, pr.deductible_fen, pr.waiting_period_days, pr.renewal_grace_days, pr.malignant_from, pr.malignant_to "
                        + "from policy p join product pr on pr.code = p.product_code left join accumulator a on a.policy_number = p.policy_number "
                        + "where p.member_id = $1",
                id);
        Uni<List<Row>> ratios = rows(
                client,
                "select r.product_code, r.tier, r.social_insurance_used, r.percent from product_ratio r "
                        + "where r.product_code in (select product_code from policy where member_id = $1)",
                id);
        Uni<List<Row>> diagnoses = rows(
                client,
                "select d.id, d.icd10_enc, d.diagnosed_on, d.specialist, d.first_ever, h.designated "
                        + "from diagnosis d join hospital h on h.code = d.hospital_code where d.member_id = $1",
                id);
        return Uni.combine()
                .all()
                .unis(member, policies, ratios, diagnoses)
                .asTuple()
                .map(t -> {
                    Row m = t.getItem1();
                    Map<String, Map<ProductTerms.RatioKey, Integer>> ratioTables = new HashMap<>();
                    for (Row r : t.getItem3()) {
                        ratioTables
                                .computeIfAbsent(r.getString("product_code"), k -> new HashMap<>())
                                .put(
                                        new ProductTerms.RatioKey(
                                                r.getShort("tier"), r.getBoolean("social_insurance_used")),
                                        (int) r.getShort("percent"));
                    }
                    List<PolicyTerm> terms = new ArrayList<>();
                    Map<String, ProductTerms> products = new HashMap<>();
                    Map<String, long[]> accumulators = new HashMap<>();
                    for (Row p : t.getItem2()) {
                        terms.add(new PolicyTerm(
                                p.getString("policy_number"),
                                p.getString("product_code"),
                                p.getLocalDate("effective_date"),
                                p.getLocalDate("expiry_date"),
                                p.getString("previous_policy_number")));
                        String code = p.getString("product_code");
                        products.computeIfAbsent(
                                code,
                                c -> new ProductTerms(
                                        c,
                                        PlanLevel.valueOf(p.getString("plan_level")),
                                        p.getLong("sum_insured_fen"),
                                        p.getLong("deductible_fen"),
                                        p.getInteger("waiting_period_days"),
                                        p.getInteger("renewal_grace_days"),
                                        p.getString("malignant_from"),
                                        p.getString("malignant_to"),
                                        ratioTables.getOrDefault(c, Map.of())));
                        accumulators.put(
                                p.getString("policy_number"),
                                new long[] {p.getLong("deductible_met_fen"), p.getLong("sum_insured_used_fen")});
                    }
                    List<DiagnosisFact> dx = new ArrayList<>();
                    for (Row d : t.getItem4()) {
                        dx.add(new DiagnosisFact(
                                cipher.decrypt(
                                        d.getBuffer("icd10_enc").getBytes(),
                                        ReferenceDataService.ICD10_CONTEXT,
                                        d.getUUID("id").toString()),
                                d.getLocalDate("diagnosed_on"),
                                d.getBoolean("designated"),
                                d.getBoolean("specialist"),
                                d.getBoolean("first_ever")));
                    }
                    return new MemberFacts(
                            memberId,
                            m.getBoolean("social_insurance"),
                            m.getBoolean("mainland_citizen"),
                            m.getLocalDate("birth_date"),
                            terms,
                            products,
                            dx,
                            accumulators);
                });
    }

    private static Uni<List<Row>> rows(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rs -> {
            List<Row> out = new ArrayList<>();
            for (Row r : rs) out.add(r);
            return out;
        });
    }

    private Snapshot read(String json) {
        try {
            return mapper.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(Snapshot s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
