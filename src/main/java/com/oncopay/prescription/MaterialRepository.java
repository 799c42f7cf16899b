package com.oncopay.prescription;

import com.oncopay.platform.db.Tx;
import com.oncopay.prescription.domain.MaterialChannel;
import com.oncopay.prescription.domain.MaterialKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL of a prescription's materials checklist (#20 item 4, V20). */
@ApplicationScoped
public class MaterialRepository {

    /** A material as recorded; {@code recordedBy} is the subject who recorded it (staff views only). */
    public record Material(
            MaterialKind kind,
            boolean received,
            MaterialChannel channel,
            String note,
            String recordedBy,
            String recordedRole,
            OffsetDateTime recordedAt) {}

    /** A record replaces the kind's last one; documents supplied without a note keep the note a reviewer wrote. */
    private static final String UPSERT = """
            insert into prescription_material
              (prescription_id, kind, received, channel, note, recorded_by, recorded_role, recorded_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (prescription_id, kind) do update set received = excluded.received, channel = excluded.channel,
              note = %s, recorded_by = excluded.recorded_by, recorded_role = excluded.recorded_role,
              recorded_at = excluded.recorded_at""";

    /** Every material recorded on a prescription, in kind order. */
    public Uni<List<Material>> list(Tx tx, UUID prescriptionId) {
        return tx.client()
                .preparedQuery("select kind, received, channel, note, recorded_by, recorded_role, recorded_at "
                        + "from prescription_material where prescription_id = $1")
                .execute(Tuple.of(prescriptionId))
                .map(rows -> {
                    List<Material> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Material(
                                MaterialKind.valueOf(r.getString("kind")),
                                r.getBoolean("received"),
                                MaterialChannel.valueOf(r.getString("channel")),
                                r.getString("note"),
                                r.getString("recorded_by"),
                                r.getString("recorded_role"),
                                r.getOffsetDateTime("recorded_at")));
                    }
                    out.sort((a, b) -> a.kind().compareTo(b.kind()));
                    return out;
                });
    }

    /** The kinds received on a prescription. */
    public Uni<Set<MaterialKind>> received(Tx tx, UUID prescriptionId) {
        return list(tx, prescriptionId).map(all -> {
            Set<MaterialKind> out = EnumSet.noneOf(MaterialKind.class);
            all.stream().filter(Material::received).forEach(m -> out.add(m.kind()));
            return out;
        });
    }

    /**
     * The prescription's member, its row held in share mode until the transaction ends: a review's approval (which
     * takes the row for update) waits for a material being recorded, and then reads it.
     */
    public Uni<Optional<String>> memberForShare(Tx tx, UUID prescriptionId) {
        return tx.client()
                .preparedQuery("select member_id from prescription where id = $1 for share")
                .execute(Tuple.of(prescriptionId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getString("member_id"))
                        : Optional.empty());
    }

    /** Records one material (the last record of a kind is the one that counts). */
    public Uni<Void> record(Tx tx, UUID prescriptionId, Material m) {
        return tx.client()
                .preparedQuery(UPSERT.formatted("excluded.note"))
                .execute(tuple(prescriptionId, m))
                .replaceWithVoid();
    }

    /** Records several materials at once (documents supplied with a submission or an answer). */
    public Uni<Void> recordAll(Tx tx, UUID prescriptionId, List<Material> materials) {
        if (materials.isEmpty()) return Uni.createFrom().voidItem();
        return tx.client()
                .preparedQuery(UPSERT.formatted("coalesce(excluded.note, prescription_material.note)"))
                .executeBatch(
                        materials.stream().map(m -> tuple(prescriptionId, m)).toList())
                .replaceWithVoid();
    }

    private static Tuple tuple(UUID prescriptionId, Material m) {
        return Tuple.from(new Object[] {
            prescriptionId,
            m.kind().name(),
            m.received(),
            m.channel().name(),
            m.note(),
            m.recordedBy(),
            m.recordedRole(),
            m.recordedAt()
        });
    }
}
