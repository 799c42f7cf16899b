package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.domain.InformationRequest;
import com.oncopay.prescription.domain.PrescriptionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of answering a request for information and of closing the ones left unanswered (#20). */
@ApplicationScoped
public class InformationRequestRepository {

    /** What an answer needs of the prescription, the row locked until the transaction ends. */
    public record AnswerTarget(PrescriptionStatus status, String memberId, byte[] clinicalEnc) {}

    /** The answer as written. */
    public record Answer(
            UUID id,
            byte[] clinicalEnc,
            OffsetDateTime reviewDueBy,
            boolean provisional,
            List<String> missingFacts,
            Map<String, Object> entry,
            OffsetDateTime countedFrom) {}

    public Uni<Optional<AnswerTarget>> forAnswer(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery("select status, member_id, clinical_enc from prescription where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) return Optional.empty();
                    Row r = rows.iterator().next();
                    return Optional.of(new AnswerTarget(
                            PrescriptionStatus.valueOf(r.getString("status")),
                            r.getString("member_id"),
                            r.getBuffer("clinical_enc").getBytes()));
                });
    }

    /** Back to the review queue with the merged clinical facts and the answer appended to what was supplied. */
    public Uni<Void> answer(Tx tx, Answer a) {
        return tx.client()
                .preparedQuery("""
                        update prescription set status = 'PENDING_REVIEW', clinical_enc = $2, review_due_by = $3,
                        calendar_provisional = calendar_provisional or $4, info_due_on = null, review_counted_from = $7,
                        decision_inputs = jsonb_set(decision_inputs, '{missingFacts}', $5::jsonb),
                        information = information || jsonb_build_array($6::jsonb)
                        where id = $1 and status = 'INFO_REQUESTED'""")
                .execute(Tuple.from(new Object[] {
                    a.id(),
                    Buffer.buffer(a.clinicalEnc()),
                    a.reviewDueBy(),
                    a.provisional(),
                    new JsonArray(new ArrayList<>(a.missingFacts())),
                    new JsonObject(a.entry()),
                    a.countedFrom()
                }))
                .replaceWithVoid();
    }

    /**
     * Closes every request still unanswered after its due day: REJECTED with {@link InformationRequest#EXPIRED}.
     * One statement, so that several replicas running it at once close each prescription once.
     */
    public Uni<List<UUID>> expire(Tx tx, LocalDate today, OffsetDateTime now) {
        return tx.client()
                .preparedQuery("""
                        update prescription set status = 'REJECTED', decided_at = $2, decided_by = 'engine',
                        reasons = reasons || to_jsonb($3::text)
                        where status = 'INFO_REQUESTED' and info_due_on < $1 returning id""")
                .execute(Tuple.of(today, now, InformationRequest.EXPIRED))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    for (Row r : rows) out.add(r.getUUID("id"));
                    return out;
                });
    }
}
