package com.oncopay.fulfilment;

import com.oncopay.adjudication.MoneyBlock;
import com.oncopay.fulfilment.domain.FulfilmentStatus;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Home deliveries: one with its order and settled money, the pharmacy's list, status moves and re-promising. */
@ApplicationScoped
public class DeliveryRepository {
    private static final String DELIVERY = "select " + RedemptionRepository.ORDER_COLUMNS + """
            , f.promised_by, f.calendar_provisional, f.tracking_no, f.delivery_city,
            d.total_fen, d.social_insurance_paid_fen, d.deductible_applied_fen, d.ratio_percent, d.insurer_pays_fen,
            d.member_pays_fen, d.sum_insured_before_fen, d.sum_insured_after_fen, d.deductible_remaining_after_fen%s
            """
            + RedemptionRepository.ORDER_FROM + "left join dispense d on d.id = f.dispense_id\n";

    /** A delivery: its order, its promise and tracking, and the money once DELIVERED settled it. */
    public record Delivery(
            FulfilmentOrder order,
            OffsetDateTime promisedBy,
            boolean calendarProvisional,
            String trackingNo,
            String deliveryCity,
            MoneyBlock money) {}

    public record DeliveryPage(List<Delivery> deliveries, long total) {}

    /** An open delivery promised on provisional days, as {@link DeliveryDueDates} counts it again. */
    public record Provisional(UUID id, OffsetDateTime createdAt, OffsetDateTime promisedBy) {}

    public record Repromise(UUID id, OffsetDateTime promisedBy, boolean provisional) {}

    public Uni<Optional<Delivery>> delivery(Tx tx, UUID id) {
        return tx.client()
                .preparedQuery(DELIVERY.formatted("") + "where f.id = $1 and f.mode = $2")
                .execute(Tuple.of(id, FulfilmentApi.Mode.DELIVERY.name()))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(delivery(rows.iterator().next()))
                        : Optional.empty());
    }

    /** Deliveries of a pharmacy (all when null), optionally only those under way past their promise at {@code now}. */
    public Uni<DeliveryPage> page(Tx tx, String pharmacy, boolean overdueOnly, OffsetDateTime now, int page, int size) {
        return tx.client()
                .preparedQuery(DELIVERY.formatted(", count(*) over () as total") + """
                        where f.mode = $6 and ($1::text is null or f.pharmacy_code = $1)
                        and (not $2 or (f.status = any($7) and f.promised_by < $3))
                        order by f.promised_by, f.id limit $4 offset $5""")
                .execute(Tuple.from(new Object[] {
                    pharmacy, overdueOnly, now, size, (long) page * size, FulfilmentApi.Mode.DELIVERY.name(), underWay()
                }))
                .map(rows -> {
                    List<Delivery> out = new ArrayList<>();
                    long total = 0;
                    for (Row f : rows) {
                        out.add(delivery(f));
                        total = f.getLong("total");
                    }
                    return new DeliveryPage(out, total);
                });
    }

    /**
     * Moves a delivery or a hospital transfer from {@code from} to {@code to} (with its waybill, when one is given);
     * {@code dispenseId} (null but for a delivery's DELIVERED) links it to the dispense written later in the
     * transaction (checked at the commit, V25). False when its status was no longer {@code from}.
     */
    public Uni<Boolean> move(
            Tx tx,
            UUID id,
            FulfilmentStatus from,
            FulfilmentStatus to,
            String trackingNo,
            OffsetDateTime at,
            UUID dispenseId) {
        return tx.client()
                .preparedQuery("""
                        update fulfilment set status = $3, tracking_no = coalesce($4, tracking_no), updated_at = $5,
                        dispense_id = coalesce($6, dispense_id)
                        where id = $1 and status = $2 returning id""")
                .execute(Tuple.from(new Object[] {id, from.name(), to.name(), trackingNo, at, dispenseId}))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Open deliveries whose promise counted provisional days, locked for the transaction. */
    public Uni<List<Provisional>> lockProvisional(Tx tx) {
        return tx.client()
                .preparedQuery("""
                        select id, created_at, promised_by from fulfilment
                        where calendar_provisional and mode = $1 and status = any($2) for update""")
                .execute(Tuple.of(FulfilmentApi.Mode.DELIVERY.name(), underWay()))
                .map(rows -> {
                    List<Provisional> out = new ArrayList<>();
                    for (Row r : rows)
                        out.add(new Provisional(
                                r.getUUID("id"),
                                r.getOffsetDateTime("created_at"),
                                r.getOffsetDateTime("promised_by")));
                    return out;
                });
    }

    public Uni<Void> repromise(Tx tx, List<Repromise> promises) {
        if (promises.isEmpty()) return Uni.createFrom().voidItem();
        return tx.client()
                .preparedQuery("update fulfilment set promised_by = $2, calendar_provisional = $3 where id = $1")
                .executeBatch(promises.stream()
                        .map(p -> Tuple.of(p.id(), p.promisedBy(), p.provisional()))
                        .toList())
                .replaceWithVoid();
    }

    private static String[] underWay() {
        return Arrays.stream(FulfilmentStatus.values())
                .filter(FulfilmentStatus::deliveryUnderWay)
                .map(Enum::name)
                .toArray(String[]::new);
    }

    private static Delivery delivery(Row f) {
        MoneyBlock m = f.getLong("total_fen") == null
                ? null
                : new MoneyBlock(
                        f.getLong("total_fen"),
                        f.getLong("social_insurance_paid_fen"),
                        f.getLong("deductible_applied_fen"),
                        f.getInteger("ratio_percent"),
                        f.getLong("insurer_pays_fen"),
                        f.getLong("member_pays_fen"),
                        f.getLong("sum_insured_before_fen"),
                        f.getLong("sum_insured_after_fen"),
                        f.getLong("deductible_remaining_after_fen"),
                        null,
                        null,
                        List.of());
        return new Delivery(
                RedemptionRepository.order(f),
                f.getOffsetDateTime("promised_by"),
                f.getBoolean("calendar_provisional"),
                f.getString("tracking_no"),
                f.getString("delivery_city"),
                m);
    }
}
