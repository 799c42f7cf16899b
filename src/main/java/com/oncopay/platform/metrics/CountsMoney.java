package com.oncopay.platform.metrics;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a use case that moves money and answers a {@code Uni} of a {@link MeteredMoney}: its answer is
 * counted in the money meters when the {@code Uni} answers, that is after the transaction committed
 * ({@link CountsMoneyInterceptor}); a failure or a refusal counts nothing.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CountsMoney {}
