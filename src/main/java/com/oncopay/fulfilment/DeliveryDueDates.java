package com.oncopay.fulfilment;

import com.oncopay.calendar.OpenDueDates;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.fulfilment.domain.DeliveryPromise;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * When an official year is loaded: the promised time of home deliveries still under way that was
 * counted on provisional days is counted again from the booking time. Only other-city promises
 * count business days, so only they can be provisional.
 */
@ApplicationScoped
public class DeliveryDueDates implements OpenDueDates {
    @Override
    public String items() {
        return "deliveries";
    }

    @Override
    public Uni<Integer> recompute(SqlClient tx, BusinessCalendar calendar) {
        return OpenDueDates.recount(
                tx,
                "select id, created_at, promised_by from fulfilment where calendar_provisional and mode = 'DELIVERY' "
                        + "and status in ('REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED') for update",
                "update fulfilment set promised_by = $2, calendar_provisional = $3 where id = $1",
                r -> {
                    BusinessCalendar.Deadline promise = DeliveryPromise.promisedBy(
                            r.getOffsetDateTime("created_at").atZoneSameInstant(BusinessCalendar.ZONE),
                            false,
                            calendar);
                    return new Recount(
                            Tuple.of(r.getUUID("id"), promise.at().toOffsetDateTime(), promise.provisional()),
                            !promise.at()
                                    .toInstant()
                                    .equals(r.getOffsetDateTime("promised_by").toInstant()));
                });
    }
}
