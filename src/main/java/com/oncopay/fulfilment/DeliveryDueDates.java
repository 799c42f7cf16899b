package com.oncopay.fulfilment;

import com.oncopay.calendar.OpenDueDates;
import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.fulfilment.domain.DeliveryPromise;
import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * When an official year is loaded: the promised time of home deliveries still under way that was
 * counted on provisional days is counted again from the booking time. Only other-city promises
 * count business days, so only they can be provisional. The SQL is in {@link DeliveryRepository}.
 */
@ApplicationScoped
public class DeliveryDueDates implements OpenDueDates {
    private final DeliveryRepository repository;

    public DeliveryDueDates(DeliveryRepository repository) {
        this.repository = repository;
    }

    @Override
    public String items() {
        return "deliveries";
    }

    @Override
    public Uni<Integer> recompute(Tx tx, BusinessCalendar calendar) {
        return repository.lockProvisional(tx).flatMap(open -> {
            List<DeliveryRepository.Repromise> updates = new ArrayList<>();
            int moved = 0;
            for (DeliveryRepository.Provisional p : open) {
                BusinessCalendar.Deadline promise = DeliveryPromise.promisedBy(
                        p.createdAt().atZoneSameInstant(BusinessCalendar.ZONE), false, calendar);
                updates.add(new DeliveryRepository.Repromise(
                        p.id(), promise.at().toOffsetDateTime(), promise.provisional()));
                if (!promise.at().toInstant().equals(p.promisedBy().toInstant())) moved++;
            }
            int n = moved;
            return repository.repromise(tx, updates).replaceWith(n);
        });
    }
}
