package com.oncopay.platform.metrics;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Counts the answers of {@link CountsMoney} use cases once they have committed. */
@CountsMoney
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class CountsMoneyInterceptor {
    private final Meters meters;

    public CountsMoneyInterceptor(Meters meters) {
        this.meters = meters;
    }

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        Object answer = invocation.proceed();
        if (com.oncopay.platform.db.Rehearsal.inProgress()) return answer; // its money never moved
        if (answer instanceof Uni<?> uni)
            return uni.invoke(item -> {
                if (item instanceof MeteredMoney moved) meters.count(moved);
            });
        return answer;
    }
}
