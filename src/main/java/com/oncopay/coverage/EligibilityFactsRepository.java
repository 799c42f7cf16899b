package com.oncopay.coverage;

import com.oncopay.coverage.EligibilityService.MemberFacts;
import com.oncopay.coverage.domain.DiagnosisFact;
import com.oncopay.coverage.domain.PlanLevel;
import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.ProductTerms;
import com.oncopay.platform.crypto.FieldCipher;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the eligibility rules read of a member (the hot path: Vert.x SQL client, not Hibernate): the
 * member, its policy terms with products and accumulators, the ratio tables of those products and
 * its diagnoses (opened with FieldCipher). The four reads are sent together on the unit's
 * connection, which pipelines them: one round trip.
 */
@ApplicationScoped
public class EligibilityFactsRepository {
    private static final String MEMBER = """
            select social_insurance, mainland_citizen, birth_date from member where member_id = $1""";
    private static final String POLICIES = """
            select p.policy_number, p.product_code, p.effective_date, p.expiry_date, p.previous_policy_number, p.cancelled_from,
                   coalesce(a.deductible_met_fen, 0) as deductible_met_fen,
                   coalesce(a.sum_insured_used_fen, 0) as sum_insured_used_fen,
                   pr.plan_level, pr.sum_insured_fen, pr.deductible_fen, pr.waiting_period_days,
                   pr.renewal_grace_days, pr.malignant_from, pr.malignant_to
            from policy p join product pr on pr.code = p.product_code
                 left join accumulator a on a.policy_number = p.policy_number
            where p.member_id = $1""";
    private static final String RATIOS = """
            select r.product_code, r.tier, r.social_insurance_used, r.percent from product_ratio r
            where r.product_code in (select product_code from policy where member_id = $1)""";
    private static final String DIAGNOSES = """
            select d.id, d.icd10_enc, d.diagnosed_on, d.specialist, d.first_ever, h.designated
            from diagnosis d join hospital h on h.code = d.hospital_code where d.member_id = $1""";

    private final FieldCipher cipher;

    public EligibilityFactsRepository(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The member's facts; 404 MEMBER_NOT_FOUND when there is no such member. */
    public Uni<MemberFacts> read(Tx tx, String memberId) {
        SqlClient client = tx.client();
        Tuple id = Tuple.of(memberId);
        // subscribed in this order by combine(): queued together on the connection, one round trip
        Uni<Row> member = client.preparedQuery(MEMBER).execute(id).map(rows -> {
            if (!rows.iterator().hasNext()) throw Refused.of(Refused.Kind.NOT_FOUND, "MEMBER_NOT_FOUND", memberId);
            return rows.iterator().next();
        });
        Uni<List<Row>> policies = rows(client, POLICIES, id);
        Uni<List<Row>> ratios = rows(client, RATIOS, id);
        Uni<List<Row>> diagnoses = rows(client, DIAGNOSES, id);
        return Uni.combine()
                .all()
                .unis(member, policies, ratios, diagnoses)
                .collectFailures()
                .asTuple()
                .onFailure()
                .transform(Pipeline::firstInOrder)
                .map(t -> facts(memberId, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4()));
    }

    private MemberFacts facts(String memberId, Row m, List<Row> policyRows, List<Row> ratioRows, List<Row> dxRows) {
        Map<String, Map<ProductTerms.RatioKey, Integer>> ratioTables = new HashMap<>();
        for (Row r : ratioRows) {
            ratioTables
                    .computeIfAbsent(r.getString("product_code"), k -> new HashMap<>())
                    .put(new ProductTerms.RatioKey(r.getShort("tier"), r.getBoolean("social_insurance_used")), (int)
                            r.getShort("percent"));
        }
        List<PolicyTerm> terms = new ArrayList<>();
        Map<String, ProductTerms> products = new HashMap<>();
        Map<String, long[]> accumulators = new HashMap<>();
        for (Row p : policyRows) {
            terms.add(new PolicyTerm(
                    p.getString("policy_number"),
                    p.getString("product_code"),
                    p.getLocalDate("effective_date"),
                    p.getLocalDate("expiry_date"),
                    p.getString("previous_policy_number"),
                    p.getLocalDate("cancelled_from")));
            products.computeIfAbsent(
                    p.getString("product_code"),
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
        for (Row d : dxRows) {
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
    }

    private static Uni<List<Row>> rows(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rs -> {
            List<Row> out = new ArrayList<>();
            for (Row r : rs) out.add(r);
            return out;
        });
    }
}
