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
import com.oncopay.coverage.domain.MisuseBlock;
import com.oncopay.coverage.domain.PolicyTerm;
import com.oncopay.coverage.domain.ProductTerms;
import com.oncopay.platform.db.Pipeline;
import com.oncopay.platform.db.Transactions;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.domain.Refused;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes eligibility from PostgreSQL (the member's policies, products, diagnoses and
 * accumulators, read together: {@link EligibilityFactsRepository}) with the plain-Java {@link Eligibility} rules, and keeps
 * the result in Redis until something it depends on changes; a Redis hit is also kept in this replica's memory
 * ({@link NearEligibilityCache}). Only the eligibility endpoint reads these: money decisions (prescriptions,
 * fulfilment, redemption) read the facts from PostgreSQL in their own transaction ({@link #facts(Tx, String)}).
 */
@Singleton
public class EligibilityService {
    /** What is cached and answered: codes and numbers only. */
    public record Snapshot(
            String memberId, String drugId, LocalDate on, Eligibility.Result result, int catalogVersion) {}

    /** Where an answer came from ({@code X-Cache}). */
    public enum Source {
        /** This replica's memory ({@link NearEligibilityCache}), no round trip. */
        NEAR,
        /** Redis. */
        HIT,
        /** PostgreSQL, after a miss (then kept in Redis). */
        MISS,
        /** PostgreSQL, Redis not asked (its breaker is open or it failed). */
        BYPASS
    }

    /** An answer and where it came from; {@code kept}: the near-cache entry it was read from (else null). */
    public record Cached(Snapshot snapshot, Source source, NearEligibilityCache.Kept kept) {
        Cached(Snapshot snapshot, Source source) {
            this(snapshot, source, null);
        }
    }

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

    private final Transactions transactions;
    private final EligibilityFactsRepository factsRepository;
    private final MisuseFlagRepository flags;
    private final CatalogService catalog;
    private final EligibilityCache cache;
    private final NearEligibilityCache near;
    private final ObjectMapper mapper;

    public EligibilityService(
            Transactions transactions,
            EligibilityFactsRepository factsRepository,
            MisuseFlagRepository flags,
            CatalogService catalog,
            EligibilityCache cache,
            NearEligibilityCache near,
            ObjectMapper mapper) {
        this.near = near;
        this.transactions = transactions;
        this.factsRepository = factsRepository;
        this.flags = flags;
        this.catalog = catalog;
        this.cache = cache;
        this.mapper = mapper;
    }

    public Uni<Cached> eligibility(String memberId, String drugId, LocalDate on) {
        String canonicalDrug = CatalogEntry.canonicalDrugId(drugId);
        // the catalog versions in memory (nearly always): a near-cache hit is answered with no operator to run
        List<CatalogVersion> held = catalog.versionsHeld();
        if (held != null)
            return eligibility(
                    memberId,
                    canonicalDrug,
                    on,
                    CatalogService.inForce(held, on).orElse(null));
        return versionInForce(on).flatMap(version -> eligibility(memberId, canonicalDrug, on, version));
    }

    /** The catalog version in force on {@code on}; null when none is. */
    private Uni<CatalogVersion> versionInForce(LocalDate on) {
        return catalog.inForce(on).onFailure(Refused.class).recoverWithNull();
    }

    /** The member's cache field of a snapshot: the drug, the day, the catalog version and the rules' version. */
    private static String field(String canonicalDrug, LocalDate on, CatalogVersion version) {
        return canonicalDrug + "|" + on + "|" + (version == null ? "none" : CatalogService.keyPrefix(version)) + "|r"
                + Eligibility.RULES_VERSION;
    }

    /**
     * For the start-up warm-up's made-up members only: an answer for {@code memberId} put in the cache, so that the
     * warm-up's eligibility checks take a cached answer's path (Redis, then this replica's near cache), as members'
     * checks do. Only for a member PostgreSQL does not have: for any other the answer is false and nothing is written.
     * The answer names no one (policy {@code WARMUP}, made-up amounts); {@link #forgetMadeUp} takes it away.
     */
    public Uni<Boolean> stageMadeUp(String memberId, String drugId, LocalDate on) {
        String canonicalDrug = CatalogEntry.canonicalDrugId(drugId);
        return facts(memberId)
                .map(found -> false)
                .onFailure(e -> e instanceof Refused r && r.code().equals("MEMBER_NOT_FOUND"))
                .recoverWithUni(notFound -> versionInForce(on).flatMap(version -> {
                    var result = new Eligibility.Result(
                            true,
                            List.of(),
                            "WARMUP",
                            on.minusYears(1),
                            on.minusMonths(9),
                            100_000_000L,
                            0L,
                            1,
                            100,
                            List.of(Eligibility.Mode.PICKUP, Eligibility.Mode.DELIVERY),
                            null);
                    var snapshot =
                            new Snapshot(memberId, canonicalDrug, on, result, version == null ? 0 : version.version());
                    return cache.generation(memberId)
                            .flatMap(generation ->
                                    cache.put(memberId, field(canonicalDrug, on, version), write(snapshot), generation))
                            .replaceWith(true);
                }));
    }

    /** Takes away what {@link #stageMadeUp} put in the cache, in Redis and in this replica's near cache. */
    public Uni<Void> forgetMadeUp(String memberId) {
        return cache.forget(memberId);
    }

    private Uni<Cached> eligibility(String memberId, String canonicalDrug, LocalDate on, CatalogVersion version) {
        String field = field(canonicalDrug, on, version);
        NearEligibilityCache.Kept kept = near.get(memberId, field); // null when it may not answer (breaker open, ...)
        if (kept != null) return Uni.createFrom().item(new Cached(kept.snapshot(), Source.NEAR, kept));
        long stamp = near.stamp(memberId);
        return cache.get(memberId, field).flatMap(read -> {
            // Redis frozen, down or its breaker open: straight to PostgreSQL, Redis not asked again
            if (read.bypassed())
                return compute(memberId, canonicalDrug, on, version).map(s -> new Cached(s, Source.BYPASS));
            Snapshot hit = read.json() == null ? null : read(read.json());
            if (hit != null) {
                if (read.generation() >= 0) near.keep(memberId, read.generation(), field, hit, stamp);
                return Uni.createFrom().item(new Cached(hit, Source.HIT));
            }
            // the generation is read before the facts (with the miss itself when the near cache is on):
            // a change committed meanwhile makes the write a no-op
            Uni<String> before = read.generation() >= 0
                    ? Uni.createFrom().item(Long.toString(read.generation()))
                    : cache.generation(memberId);
            return before.flatMap(generation -> compute(memberId, canonicalDrug, on, version)
                    .call(s -> cache.put(memberId, field, write(s), generation))
                    .map(s -> new Cached(s, Source.MISS)));
        });
    }

    private Uni<Snapshot> compute(String memberId, String drugId, LocalDate on, CatalogVersion version) {
        Uni<Optional<DrugView>> drug = version == null
                ? Uni.createFrom().item(Optional.empty())
                : catalog.drug(drugId, on)
                        .map(c -> Optional.of(c.value()))
                        .onFailure(Refused.class)
                        .recoverWithItem(Optional.empty());
        return Uni.combine().all().unis(factsAndFlag(memberId), drug).asTuple().map(t -> {
            // #19 item 11 (seed 004): a member flagged for misuse is not eligible, whatever else holds
            Eligibility.Result r = MisuseBlock.apply(
                    t.getItem1().getItem1().evaluate(on, t.getItem2()),
                    t.getItem1().getItem2().isPresent());
            return new Snapshot(memberId, drugId, on, r, version == null ? 0 : version.version());
        });
    }

    /** The facts and the misuse flag in force, pipelined on the one connection the facts are read over. */
    private Uni<Tuple2<MemberFacts, Optional<MisuseFlagRepository.InForce>>> factsAndFlag(String memberId) {
        return transactions.onConnection(tx -> Uni.combine()
                .all()
                .unis(factsRepository.read(tx, memberId), flags.inForce(tx, memberId))
                .collectFailures()
                .asTuple()
                .onFailure()
                .transform(Pipeline::firstInOrder));
    }

    /** Loads the member's facts over one connection; 404 MEMBER_NOT_FOUND when there is no such member. */
    public Uni<MemberFacts> facts(String memberId) {
        return transactions.onConnection(tx -> factsRepository.read(tx, memberId));
    }

    /**
     * The same through {@code client} (a caller's unit of work, e.g. a prescription's):
     * the four reads are sent together (the connection pipelines them), one round trip and one
     * connection instead of four.
     */
    public Uni<MemberFacts> facts(Tx tx, String memberId) {
        return factsRepository.read(tx, memberId);
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
